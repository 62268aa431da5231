import {
  ADMIN_GROUP,
  RESOURCE_SERVER_IDENTIFIER,
  RESOURCE_SERVER_NAME,
  ResourceServerScopes,
  SERVICE_CLIENT_SCOPES,
  USER_CLIENT_SCOPES,
} from '@org/contracts';
import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  type CfnUserPoolClient,
  FeaturePlan,
  LambdaVersion,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  ResourceServerScope,
  UserPool,
  type UserPoolClient,
  type UserPoolDomain,
  UserPoolEmail,
  type UserPoolGroup,
  UserPoolOperation,
  type UserPoolResourceServer,
} from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

/** Token lifetimes of the SDK's app client. */
export interface TokenValidity {
  /** Default 60 minutes (Cognito allows 5 minutes to 1 day). */
  readonly accessToken?: Duration;
  /** Default 60 minutes (5 minutes to 1 day). */
  readonly idToken?: Duration;
  /** Default 30 days (60 minutes to 10 years). */
  readonly refreshToken?: Duration;
}

export interface GatehouseUserPoolProps {
  /** Adds claims to both tokens; wired as a V2 trigger so it can change the access token too. */
  readonly preTokenGeneration: IFunction;
  readonly removalPolicy: RemovalPolicy;
  readonly deletionProtection: boolean;
  readonly tokenValidity?: TokenValidity;
  /** The user pool domain's prefix: `https://<prefix>.auth.<region>.amazoncognito.com`. */
  readonly domainPrefix: string;
  /** Where managed login may send the browser back (`redirect_uri` of `/oauth2/authorize`). */
  readonly callbackUrls: readonly string[];
  /** Where `/logout` may send the browser (`logout_uri`). */
  readonly logoutUrls: readonly string[];
  /**
   * Offer a one-time code by email as a first sign-in factor beside the password (`USER_AUTH` with
   * `EMAIL_OTP`). On AWS this needs the pool's email sent through Amazon SES (`ses`). Default false.
   */
  readonly emailOtpSignIn?: boolean;
  /** A sender address verified in Amazon SES and its region; without it the pool sends email with Cognito's own account. */
  readonly ses?: { readonly fromEmail: string; readonly region: string } | undefined;
}

/** Minimum password length: OWASP ASVS 2.1.1 asks for at least 12 characters and no composition rules (2.1.9). */
export const PASSWORD_MIN_LENGTH = 12;

/**
 * The Cognito side of Gatehouse: a user pool where people sign up with their email, the public app client
 * the SDK and the managed login page sign in with, the confidential service client, the `gatehouse-api`
 * resource server and its scopes, the pool's domain with managed login, the `admin` group, and the
 * pre-token-generation trigger. Every scope comes from `@org/contracts`.
 */
export class GatehouseUserPool extends Construct {
  readonly userPool: UserPool;
  readonly resourceServer: UserPoolResourceServer;
  readonly domain: UserPoolDomain;
  /** The public client (no secret): SRP and password sign-in, and the authorization code grant with PKCE. */
  readonly client: UserPoolClient;
  /** The confidential client of services: the client credentials grant only. */
  readonly serviceClient: UserPoolClient;
  readonly adminGroup: UserPoolGroup;

  constructor(scope: Construct, id: string, props: GatehouseUserPoolProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: true,
      // Email is the username (Cognito's internal username is then the user's sub), not an alias.
      signInAliases: { email: true },
      autoVerify: { email: true },
      // People type their email in any case; one account per address.
      signInCaseSensitive: false,
      // A changed email only replaces the old one once the user has confirmed the code sent to it.
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: PASSWORD_MIN_LENGTH,
        requireLowercase: false,
        requireUppercase: false,
        requireDigits: false,
        requireSymbols: false,
      },
      // ESSENTIALS is the cheapest plan whose pre-token-generation trigger (V2) may customise access tokens,
      // and the least one that allows choice-based sign-in (USER_AUTH) with email codes.
      featurePlan: FeaturePlan.ESSENTIALS,
      // Users may add an authenticator app (TOTP); SMS would need an SNS role and a registered number.
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      signInPolicy: {
        allowedFirstAuthFactors: { password: true, emailOtp: props.emailOtpSignIn ?? false },
      },
      ...(props.ses
        ? { email: UserPoolEmail.withSES({ fromEmail: props.ses.fromEmail, sesRegion: props.ses.region }) }
        : {}),
      deletionProtection: props.deletionProtection,
      removalPolicy: props.removalPolicy,
    });
    Validations.of(this.userPool).acknowledge(
      {
        id: 'AwsSolutions-COG1',
        reason:
          'Password policy follows OWASP ASVS 2.1: at least 12 characters and no composition rules, which push users to predictable passwords.',
      },
      {
        id: 'AwsSolutions-COG2',
        reason:
          'MFA is optional (an authenticator app, TOTP): requiring it for every user is a product decision left to each deployment of this template.',
      },
      {
        id: 'AwsSolutions-COG3',
        reason:
          'Threat protection needs the Plus feature plan, a per-user monthly charge; the pool stays on Essentials so an idle deployment costs nothing.',
      },
      {
        id: 'AwsSolutions-COG8',
        reason:
          'Essentials already allows access-token customisation, which is all this app needs; Plus adds a per-user monthly charge.',
      },
    );

    this.userPool.addTrigger(
      UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG,
      props.preTokenGeneration,
      LambdaVersion.V2_0,
    );

    this.resourceServer = this.userPool.addResourceServer('ApiResourceServer', {
      identifier: RESOURCE_SERVER_IDENTIFIER,
      userPoolResourceServerName: RESOURCE_SERVER_NAME,
      scopes: Object.values(ResourceServerScopes).map(
        (scope) => new ResourceServerScope({ scopeName: scope.name, scopeDescription: scope.description }),
      ),
    });

    // A Cognito prefix domain serves the OAuth 2.0 endpoints and the managed login pages (version 2, the
    // branding designer's pages; version 1 is the classic hosted UI).
    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });

    const validity = props.tokenValidity ?? {};
    this.client = this.userPool.addClient('SdkClient', {
      // A browser or mobile app cannot keep a secret; the authorization code grant is protected by PKCE,
      // which the client sends (Cognito requires no setting for it).
      generateSecret: false,
      // SRP keeps the password on the device; the password flow is there for tools and tests; USER_AUTH is
      // choice-based sign-in (password or an email code). CDK adds refresh.
      authFlows: { userSrp: true, userPassword: true, user: true },
      oAuth: {
        // The implicit grant stays off: tokens in a URL fragment end up in history and logs.
        flows: { authorizationCodeGrant: true },
        scopes: USER_CLIENT_SCOPES.map(oauthScope),
        callbackUrls: [...props.callbackUrls],
        logoutUrls: [...props.logoutUrls],
      },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: validity.accessToken ?? Duration.minutes(60),
      idTokenValidity: validity.idToken ?? Duration.minutes(60),
      refreshTokenValidity: validity.refreshToken ?? Duration.days(30),
    });

    this.serviceClient = this.userPool.addClient('ServiceClient', {
      // A server keeps the secret; it is read with DescribeUserPoolClient, never put in an output.
      generateSecret: true,
      oAuth: { flows: { clientCredentials: true }, scopes: SERVICE_CLIENT_SCOPES.map(oauthScope) },
      enableTokenRevocation: true,
      accessTokenValidity: Duration.minutes(60),
    });
    // Without ExplicitAuthFlows Cognito enables SRP, custom and refresh sign-in on the client, and CDK sends
    // none when `authFlows` is empty. Refresh alone (what the console gives machine-to-machine clients) lets
    // no user sign in, and the client credentials grant issues no refresh token to use it with.
    (this.serviceClient.node.defaultChild as CfnUserPoolClient).explicitAuthFlows = [
      'ALLOW_REFRESH_TOKEN_AUTH',
    ];

    // The clients name the resource server's scopes as literal strings (the contract's), so CloudFormation must
    // create the resource server first; `OAuthScope.resourceServer` would say so through a Ref instead.
    this.client.node.addDependency(this.resourceServer);
    this.serviceClient.node.addDependency(this.resourceServer);

    // Managed login (version 2) shows its pages only for clients that have a branding style: Cognito's
    // default look for the public client. The service client never shows a page.
    const branding = new CfnManagedLoginBranding(this, 'ManagedLoginBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    branding.node.addDependency(this.domain);

    this.adminGroup = this.userPool.addGroup('AdminGroup', {
      groupName: ADMIN_GROUP,
      description: 'May call the admin routes of the API.',
    });
  }
}

/** The CDK scope object for a scope the contract names. */
function oauthScope(name: string): OAuthScope {
  return OAuthScope.custom(name);
}
