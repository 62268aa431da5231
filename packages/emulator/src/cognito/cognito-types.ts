/** Records the Cognito service keeps, in AWS's member names where they are echoed back on the wire. */

export interface PasswordPolicy {
  MinimumLength: number;
  RequireUppercase: boolean;
  RequireLowercase: boolean;
  RequireNumbers: boolean;
  RequireSymbols: boolean;
  TemporaryPasswordValidityDays: number;
}

export interface SchemaAttribute {
  Name: string;
  AttributeDataType: 'String' | 'Number' | 'DateTime' | 'Boolean';
  DeveloperOnlyAttribute?: boolean;
  Mutable: boolean;
  Required: boolean;
  StringAttributeConstraints?: { MinLength?: string; MaxLength?: string };
  NumberAttributeConstraints?: { MinValue?: string; MaxValue?: string };
}

export interface UserPool {
  Id: string;
  Name: string;
  Arn: string;
  Policies: { PasswordPolicy: PasswordPolicy; SignInPolicy?: { AllowedFirstAuthFactors: string[] } };
  LambdaConfig: Record<string, unknown>;
  UsernameAttributes?: string[];
  AliasAttributes?: string[];
  AutoVerifiedAttributes?: string[];
  UsernameConfiguration?: { CaseSensitive: boolean };
  SchemaAttributes: SchemaAttribute[];
  AdminCreateUserConfig: { AllowAdminCreateUserOnly: boolean; UnusedAccountValidityDays?: number } & Record<
    string,
    unknown
  >;
  MfaConfiguration: string;
  /** The MFA factors SetUserPoolMfaConfig turned on (absent on pools of earlier versions: none). */
  MfaFactors?: PoolMfaFactors;
  /** Absent on pools stored by earlier versions: read as no attribute requiring verification. */
  UserAttributeUpdateSettings?: { AttributesRequireVerificationBeforeUpdate: ('email' | 'phone_number')[] };
  DeletionProtection: 'ACTIVE' | 'INACTIVE';
  UserPoolTags: Record<string, string>;
  CreationDate: number;
  LastModifiedDate: number;
  /** Other members of CreateUserPool/UpdateUserPool, kept and echoed back by DescribeUserPool. */
  Passthrough: Record<string, unknown>;
  /** Key for the simulated SRP challenge of unknown users (stable per pool, never sent). */
  FakeSaltKey: string;
}

/** A pool's MFA factors, in the shapes GetUserPoolMfaConfig answers. */
export interface PoolMfaFactors {
  SoftwareTokenMfaConfiguration: { Enabled: boolean };
  SmsMfaConfiguration?: Record<string, unknown>;
  EmailMfaConfiguration?: { Message?: string | undefined; Subject?: string | undefined };
  WebAuthnConfiguration?: Record<string, unknown>;
}

/** An MFA factor a user can turn on (SMS is not emulated). */
export type MfaFactor = 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP';

/** A user's MFA settings; the TOTP secrets never leave the store. */
export interface UserMfa {
  /** The verified authenticator's secret (base32). */
  totpSecret?: string;
  /** The step of the last TOTP code accepted, so that it is not accepted twice. */
  totpUsedStep?: number;
  /** A secret from AssociateSoftwareToken waiting for VerifySoftwareToken. */
  pendingTotpSecret?: string;
  totpDeviceName?: string;
  /** Factors turned on (SetUserMFAPreference), in the order they were turned on. */
  enabled: MfaFactor[];
  preferred?: MfaFactor;
}

export type TimeUnit = 'seconds' | 'minutes' | 'hours' | 'days';

export interface UserPoolClient {
  UserPoolId: string;
  ClientName: string;
  ClientId: string;
  ClientSecret?: string;
  ExplicitAuthFlows?: string[];
  TokenValidityUnits?: {
    AccessToken?: TimeUnit | undefined;
    IdToken?: TimeUnit | undefined;
    RefreshToken?: TimeUnit | undefined;
  };
  AccessTokenValidity?: number;
  IdTokenValidity?: number;
  RefreshTokenValidity: number;
  PreventUserExistenceErrors: 'ENABLED' | 'LEGACY';
  EnableTokenRevocation: boolean;
  AuthSessionValidity: number;
  RefreshTokenRotation?: { Feature: 'ENABLED' | 'DISABLED'; RetryGracePeriodSeconds?: number };
  ReadAttributes?: string[];
  WriteAttributes?: string[];
  /** The OAuth 2.0 grants of the pool's domain this client may use (`client_credentials` alone, or code/implicit). */
  AllowedOAuthFlows?: OAuthFlow[];
  /** Whether the client may use the OAuth flows at all; absent (clients stored before it was kept) reads as false. */
  AllowedOAuthFlowsUserPoolClient?: boolean;
  /** Standard scopes (`openid`, …) and `<resource server identifier>/<scope name>` custom scopes. */
  AllowedOAuthScopes?: string[];
  /** Where the authorize endpoint may send a user back (exact match). */
  CallbackURLs?: string[];
  /** Where the logout endpoint may send a user back (exact match). */
  LogoutURLs?: string[];
  /** One of `CallbackURLs`. */
  DefaultRedirectURI?: string;
  /** `COGNITO` (the pool's own users) and the pool's identity providers. */
  SupportedIdentityProviders?: string[];
  CreationDate: number;
  LastModifiedDate: number;
  Passthrough: Record<string, unknown>;
}

export type OAuthFlow = 'code' | 'implicit' | 'client_credentials';

/** A custom scope of a resource server; tokens carry it as `<identifier>/<ScopeName>`. */
export interface ResourceServerScope {
  ScopeName: string;
  ScopeDescription: string;
}

/** An OAuth 2.0 resource server of a pool (AWS's `ResourceServerType`, which has no dates). */
export interface ResourceServer {
  UserPoolId: string;
  Identifier: string;
  Name: string;
  Scopes: ResourceServerScope[];
}

/** A user pool domain: a prefix (`auth` of `auth.auth.<region>.amazoncognito.com`) or a custom domain name. */
export interface UserPoolDomainRecord {
  UserPoolId: string;
  Domain: string;
  CustomDomainConfig?: { CertificateArn: string };
  ManagedLoginVersion?: number;
  CreationDate: number;
}

export interface UserGroup {
  GroupName: string;
  UserPoolId: string;
  Description?: string;
  RoleArn?: string;
  Precedence?: number;
  CreationDate: number;
  LastModifiedDate: number;
}

export type UserStatus = 'UNCONFIRMED' | 'CONFIRMED' | 'FORCE_CHANGE_PASSWORD' | 'RESET_REQUIRED';

/** A one-time code sent through the outbox. */
export interface PendingCode {
  code: string;
  expiresAt: number;
  failedAttempts: number;
  attributeName?: string;
  /**
   * The new value of `attributeName` waiting for this code (pools whose
   * `AttributesRequireVerificationBeforeUpdate` lists it): the old value stays in force until it is verified.
   */
  pendingValue?: string;
}

export interface UserRecord {
  poolId: string;
  /** The immutable username (a UUID equal to `sub` when email/phone is the username). */
  username: string;
  sub: string;
  status: UserStatus;
  enabled: boolean;
  /** Every attribute but `sub`, as strings (`email_verified` is `"true"`/`"false"`). */
  attributes: Record<string, string>;
  /** The SRP salt and verifier; absent only for users created without any password. */
  credential?: { salt: string; verifier: string };
  /** When a temporary password (FORCE_CHANGE_PASSWORD) stops working, ms. */
  temporaryPasswordExpiresAt?: number;
  codes: { signUp?: PendingCode; forgotPassword?: PendingCode; verify?: Record<string, PendingCode> };
  /** MFA settings; absent for a user who never set any up. */
  mfa?: UserMfa;
  /** When the user last signed out everywhere (ms); revokes tokens that carry no `origin_jti`. */
  signedOutAt?: number;
  failedSignIns: number;
  lastFailedSignInAt: number;
  lockedUntil: number;
  createdAt: number;
  modifiedAt: number;
}

export interface RefreshTokenRecord {
  hash: string;
  poolId: string;
  clientId: string;
  username: string;
  originJti: string;
  authTime: number;
  createdAt: number;
  expiresAt: number;
  revokedAt?: number;
  /** Set when rotation replaced this token (it still works within the grace period). */
  rotatedAt?: number;
}
