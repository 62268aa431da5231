import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { CognitoException } from './cognito-error.js';
import { runTrigger, type TriggerConfig, triggerAttributes, triggerTarget } from './cognito-triggers.js';
import type {
  RefreshTokenRecord,
  TimeUnit,
  UserGroup,
  UserPool,
  UserPoolClient,
  UserRecord,
} from './cognito-types.js';
import { type SigningKey, signJwt } from './signing-keys.js';
import { isBooleanAttribute, withVerificationFlags } from './user-attributes.js';

const UNIT_SECONDS: Record<TimeUnit, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

/** The scope of tokens from the user-pool API flows. */
export const ADMIN_SCOPE = 'aws.cognito.signin.user.admin';

/** Token lifetimes of a client, in seconds: its validity settings in their units, AWS's defaults otherwise. */
export function tokenLifetimes(client: UserPoolClient): { access: number; id: number; refresh: number } {
  const units = client.TokenValidityUnits ?? {};
  return {
    access:
      client.AccessTokenValidity === undefined
        ? 3600
        : client.AccessTokenValidity * UNIT_SECONDS[units.AccessToken ?? 'hours'],
    id:
      client.IdTokenValidity === undefined
        ? 3600
        : client.IdTokenValidity * UNIT_SECONDS[units.IdToken ?? 'hours'],
    refresh: client.RefreshTokenValidity * UNIT_SECONDS[units.RefreshToken ?? 'days'],
  };
}

/** Claims a pre-token-generation trigger can neither add, override nor suppress. */
const PROTECTED_CLAIMS = new Set([
  'acr',
  'amr',
  'at_hash',
  'auth_time',
  'azp',
  'aud',
  'client_id',
  'cognito:username',
  'event_id',
  'exp',
  'iat',
  'identities',
  'iss',
  'jti',
  'nbf',
  'nonce',
  'origin_jti',
  'scope',
  'sub',
  'token_use',
  'username',
  'version',
]);

interface ClaimOverrides {
  claimsToAddOrOverride?: Record<string, unknown>;
  claimsToSuppress?: string[];
}

function applyOverrides(claims: Record<string, unknown>, o: ClaimOverrides | undefined): void {
  if (o === undefined || o === null) return;
  if (o.claimsToAddOrOverride !== undefined && o.claimsToAddOrOverride !== null) {
    if (typeof o.claimsToAddOrOverride !== 'object') {
      throw new CognitoException(
        'InvalidLambdaResponseException',
        'Invalid claimsToAddOrOverride in lambda response',
      );
    }
    for (const [k, v] of Object.entries(o.claimsToAddOrOverride)) {
      // Cognito ignores attempts to change these (they carry the token's identity and validity). Defined, not
      // assigned: a claim named `__proto__` is a claim like any other, not the object's prototype.
      if (!PROTECTED_CLAIMS.has(k)) {
        Object.defineProperty(claims, k, { value: v, enumerable: true, writable: true, configurable: true });
      }
    }
  }
  for (const k of Array.isArray(o.claimsToSuppress) ? o.claimsToSuppress : []) {
    if (typeof k === 'string' && !PROTECTED_CLAIMS.has(k)) delete claims[k];
  }
}

/** The `AuthenticationResult` of a successful sign-in or refresh. */
export interface AuthenticationResult {
  AccessToken: string;
  ExpiresIn: number;
  TokenType: 'Bearer';
  IdToken: string;
  RefreshToken?: string;
}

/** What minting needs from the rest of the service. */
export interface MintContext {
  now: () => number;
  triggers: TriggerConfig;
  groupsOf: (pool: UserPool, user: UserRecord) => UserGroup[];
  issuer: (poolId: string) => string;
  signingKey: (poolId: string, use: 'id' | 'access') => SigningKey;
  saveRefreshToken: (record: RefreshTokenRecord) => void;
  hashToken: (token: string) => string;
  /** Keeps the scopes an OAuth grant gave a session, so that its refreshes keep them. */
  saveGrant: (originJti: string, poolId: string, scopes: readonly string[], expiresAt: number) => void;
}

/** An OAuth 2.0 grant (the authorization code flow, or a refresh of its session). */
export interface OAuthGrant {
  /** The granted scopes: the access token's `scope`, in place of the API flows' admin scope. */
  scopes: readonly string[];
  /** The authorize request's `nonce`, copied into the ID token. */
  nonce?: string;
}

/** Who the tokens are for, and how they continue a session. */
export interface MintArgs {
  pool: UserPool;
  client: UserPoolClient;
  user: UserRecord;
  triggerSource: string;
  clientMetadata?: Record<string, string>;
  /** Present on refresh: the session being continued. */
  session?: { originJti: string; authTime: number };
  issueRefreshToken: boolean;
  /** When the user authenticated (s), for a new session whose sign-in came earlier (managed login's session). */
  authTime?: number;
  /** Expiry of the refresh token to issue (ms); default: now + the client's refresh-token lifetime. */
  refreshTokenExpiresAt?: number;
  /**
   * Tokens of an OAuth 2.0 grant: the access token carries the granted scopes and `version: 2`, the ID token
   * `at_hash` (and `nonce` when one was given), as tokens from the authorization server do.
   */
  oauth?: OAuthGrant;
}

/**
 * Mints the ID and access token (and, for sign-ins or rotation, a refresh token) with Cognito's claim sets,
 * after the PreTokenGeneration trigger (V1: ID-token claims and groups; V2: claims of both tokens and
 * access-token scopes).
 */
export async function mintTokens(ctx: MintContext, args: MintArgs): Promise<AuthenticationResult> {
  const { pool, client, user } = args;
  const nowMs = ctx.now();
  const iat = Math.floor(nowMs / 1000);
  const authTime = args.session?.authTime ?? args.authTime ?? iat;
  const originJti = args.session?.originJti ?? randomUUID();
  const eventId = randomUUID();
  const lifetimes = tokenLifetimes(client);
  let groups = ctx.groupsOf(pool, user);
  let groupNames = groups.map((g) => g.GroupName);
  let scopes = args.oauth === undefined ? [ADMIN_SCOPE] : [...args.oauth.scopes];

  const readable = client.ReadAttributes;
  const attributeClaims: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [name, value] of Object.entries(withVerificationFlags(user.attributes))) {
    if (readable !== undefined && readable.length > 0 && !readable.includes(name)) continue;
    attributeClaims[name] = isBooleanAttribute(name) ? value === 'true' : value;
  }

  let idOverrides: ClaimOverrides | undefined;
  let accessOverrides: (ClaimOverrides & { scopesToAdd?: string[]; scopesToSuppress?: string[] }) | undefined;
  const target = triggerTarget(pool, 'PreTokenGeneration');
  if (target !== undefined) {
    const groupConfiguration = {
      groupsToOverride: groupNames,
      iamRolesToOverride: groups.flatMap((g) => (g.RoleArn === undefined ? [] : [g.RoleArn])),
      preferredRole: null,
    };
    const request: Record<string, unknown> = {
      userAttributes: triggerAttributes(user),
      groupConfiguration,
      ...(target.version === '2' ? { scopes } : {}),
      ...(args.clientMetadata === undefined ? {} : { clientMetadata: args.clientMetadata }),
    };
    const response = await runTrigger(ctx.triggers, pool, 'PreTokenGeneration', {
      triggerSource: args.triggerSource,
      userName: user.username,
      clientId: client.ClientId,
      request,
      response:
        target.version === '2' ? { claimsAndScopeOverrideDetails: null } : { claimsOverrideDetails: null },
    });
    const details = (
      target.version === '2' ? response?.claimsAndScopeOverrideDetails : response?.claimsOverrideDetails
    ) as Record<string, unknown> | null | undefined;
    if (details !== undefined && details !== null) {
      if (target.version === '2') {
        idOverrides = details.idTokenGeneration as ClaimOverrides | undefined;
        accessOverrides = details.accessTokenGeneration as typeof accessOverrides;
      } else {
        idOverrides = details as ClaimOverrides;
      }
      const groupOverride = details.groupOverrideDetails as { groupsToOverride?: unknown } | undefined | null;
      if (
        groupOverride !== undefined &&
        groupOverride !== null &&
        Array.isArray(groupOverride.groupsToOverride)
      ) {
        groupNames = groupOverride.groupsToOverride.filter((g): g is string => typeof g === 'string');
        groups = [];
      }
      if (accessOverrides !== undefined && accessOverrides !== null) {
        const add = Array.isArray(accessOverrides.scopesToAdd) ? accessOverrides.scopesToAdd : [];
        const drop = new Set(
          Array.isArray(accessOverrides.scopesToSuppress) ? accessOverrides.scopesToSuppress : [],
        );
        scopes = [...new Set([...scopes, ...add])].filter((s) => typeof s === 'string' && !drop.has(s));
      }
    }
  }

  const iss = ctx.issuer(pool.Id);
  const groupClaim = groupNames.length > 0 ? { 'cognito:groups': groupNames } : {};
  const idClaims: Record<string, unknown> = {
    sub: user.sub,
    ...groupClaim,
    ...attributeClaims,
    iss,
    'cognito:username': user.username,
    origin_jti: originJti,
    aud: client.ClientId,
    event_id: eventId,
    token_use: 'id',
    auth_time: authTime,
    exp: iat + lifetimes.id,
    iat,
    jti: randomUUID(),
  };
  const accessClaims: Record<string, unknown> = {
    sub: user.sub,
    ...groupClaim,
    iss,
    client_id: client.ClientId,
    origin_jti: originJti,
    event_id: eventId,
    token_use: 'access',
    scope: scopes.join(' '),
    auth_time: authTime,
    exp: iat + lifetimes.access,
    iat,
    jti: randomUUID(),
    username: user.username,
    // Tokens of the authorization server carry `version: 2` (seen in real hosted-UI tokens); API flows' do not.
    ...(args.oauth === undefined ? {} : { version: 2 }),
  };
  if (!client.EnableTokenRevocation) {
    // Cognito adds origin_jti only for clients with token revocation (the default for new clients).
    delete idClaims.origin_jti;
    delete accessClaims.origin_jti;
  }
  applyOverrides(idClaims, idOverrides);
  applyOverrides(accessClaims, accessOverrides ?? undefined);

  const accessToken = signJwt(ctx.signingKey(pool.Id, 'access'), accessClaims);
  if (args.oauth !== undefined) {
    // OIDC Core 3.1.3.6: the left half of the SHA-256 of the access token, base64url. Set after the trigger
    // ran: at_hash and nonce are claims no trigger may change.
    idClaims.at_hash = createHash('sha256')
      .update(accessToken)
      .digest()
      .subarray(0, 16)
      .toString('base64url');
    if (args.oauth.nonce !== undefined) idClaims.nonce = args.oauth.nonce;
  }
  const result: AuthenticationResult = {
    AccessToken: accessToken,
    ExpiresIn: lifetimes.access,
    TokenType: 'Bearer',
    IdToken: signJwt(ctx.signingKey(pool.Id, 'id'), idClaims),
  };
  if (args.issueRefreshToken) {
    const token = newRefreshToken();
    ctx.saveRefreshToken({
      hash: ctx.hashToken(token),
      poolId: pool.Id,
      clientId: client.ClientId,
      username: user.username,
      originJti,
      authTime,
      createdAt: nowMs,
      expiresAt: args.refreshTokenExpiresAt ?? nowMs + lifetimes.refresh * 1000,
    });
    result.RefreshToken = token;
    if (args.oauth !== undefined && args.session === undefined) {
      ctx.saveGrant(
        originJti,
        pool.Id,
        args.oauth.scopes,
        args.refreshTokenExpiresAt ?? nowMs + lifetimes.refresh * 1000,
      );
    }
  }
  return result;
}

/**
 * The access token of the client credentials grant (machine to machine): `sub` is the client id, no
 * `username`, no ID or refresh token. A PreTokenGeneration trigger sees it only at event version 3
 * (`LambdaVersion: V3_0`), as AWS documents; it may add or suppress scopes and claims of the access token.
 */
export async function mintClientCredentials(
  ctx: Pick<MintContext, 'now' | 'triggers' | 'issuer' | 'signingKey'>,
  args: { pool: UserPool; client: UserPoolClient; scopes: readonly string[] },
): Promise<{ AccessToken: string; ExpiresIn: number; TokenType: 'Bearer' }> {
  const { pool, client } = args;
  const iat = Math.floor(ctx.now() / 1000);
  const lifetime = tokenLifetimes(client).access;
  let scopes = [...args.scopes];
  let overrides: ClaimOverrides | undefined;
  const config = pool.LambdaConfig.PreTokenGenerationConfig as { LambdaVersion?: string } | undefined;
  if (config?.LambdaVersion === 'V3_0') {
    const response = await runTrigger(ctx.triggers, pool, 'PreTokenGeneration', {
      triggerSource: 'TokenGeneration_ClientCredentials',
      userName: client.ClientId,
      clientId: client.ClientId,
      request: {
        userAttributes: {},
        groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null },
        scopes,
      },
      response: { claimsAndScopeOverrideDetails: null },
    });
    const details = response?.claimsAndScopeOverrideDetails as Record<string, unknown> | null | undefined;
    const access = details?.accessTokenGeneration as
      | (ClaimOverrides & { scopesToAdd?: string[]; scopesToSuppress?: string[] })
      | null
      | undefined;
    if (access !== undefined && access !== null) {
      overrides = access;
      const add = Array.isArray(access.scopesToAdd) ? access.scopesToAdd : [];
      const drop = new Set(Array.isArray(access.scopesToSuppress) ? access.scopesToSuppress : []);
      scopes = [...new Set([...scopes, ...add])].filter((s) => typeof s === 'string' && !drop.has(s));
    }
  }
  const claims: Record<string, unknown> = {
    sub: client.ClientId,
    token_use: 'access',
    scope: scopes.join(' '),
    auth_time: iat,
    iss: ctx.issuer(pool.Id),
    exp: iat + lifetime,
    iat,
    version: 2,
    jti: randomUUID(),
    client_id: client.ClientId,
  };
  applyOverrides(claims, overrides);
  return {
    AccessToken: signJwt(ctx.signingKey(pool.Id, 'access'), claims),
    ExpiresIn: lifetime,
    TokenType: 'Bearer',
  };
}

/**
 * An opaque refresh token shaped like Cognito's (a five-part JWE whose header names RSA-OAEP/A256GCM); its
 * parts are random, and only its SHA-256 is stored.
 */
function newRefreshToken(): string {
  const header = Buffer.from('{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}').toString('base64url');
  const part = (n: number) => randomBytes(n).toString('base64url');
  return `${header}.${part(256)}.${part(12)}.${part(64)}.${part(16)}`;
}
