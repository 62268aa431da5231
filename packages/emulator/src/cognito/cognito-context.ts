import { createHash, createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { TokenVerifier, unverifiedIssuer } from '../jwt/index.js';
import type { EmulatorLogger } from '../logger.js';
import { CognitoException, notAuthorized, resourceNotFound, userNotFound } from './cognito-error.js';
import type { CognitoOutbox, OutboxKind } from './cognito-outbox.js';
import type { CognitoStore, UserKeys } from './cognito-store.js';
import type { PendingCode, UserPool, UserPoolClient, UserRecord } from './cognito-types.js';
import { SessionStore } from './session-store.js';
import { loadSigningKey, type SigningKey } from './signing-keys.js';
import type { SrpServerState } from './srp.js';
import { ADMIN_SCOPE } from './token-minter.js';
import { type CodePurpose, UnknownUserLedger } from './unknown-user-ledger.js';
import { maskDestination } from './user-attributes.js';

/** Settings every operation sees. */
export interface ContextOptions {
  region: string;
  accountId: string;
  issuer: 'aws' | 'local';
  invokeTrigger?: (functionArn: string, event: Record<string, unknown>) => Promise<unknown>;
  log: EmulatorLogger;
  now: () => number;
}

/** State between InitiateAuth and RespondToAuthChallenge. */
export type ChallengeState =
  | {
      kind: 'srp';
      poolId: string;
      clientId: string;
      username: string;
      srpA: string;
      server: SrpServerState;
      /**
       * Set for a simulated challenge (a user who does not exist, or has no password): the stand-in
       * verifier the proof is checked against, so a simulated answer costs what a real one does, and the
       * name as typed when the user does not exist.
       */
      simulated?: { verifier: string; unknownUser?: string };
    }
  | { kind: 'newPassword'; poolId: string; clientId: string; username: string };

const CODE_LIFETIME_MS = { signUp: 24 * 3600_000, verify: 24 * 3600_000, forgotPassword: 3600_000 } as const;
/** Wrong guesses allowed on one code before it stops working. */
export const MAX_CODE_ATTEMPTS = 5;

/** What operations share: the store, clock, keys, challenge sessions, outbox and helpers for AWS's rules. */
export class CognitoContext {
  private readonly keyCache = new Map<string, SigningKey[]>();
  /** Access-token verifiers by pool id; made only for pools that exist, so bounded by them. */
  private readonly accessVerifiers = new Map<string, TokenVerifier>();
  readonly challenges: SessionStore<ChallengeState>;
  /** Failed sign-ins and code guesses for names that match no user (clients that hide user existence). */
  readonly unknownUsers: UnknownUserLedger;
  publicUrl: string | undefined;

  constructor(
    readonly store: CognitoStore,
    readonly options: ContextOptions,
    readonly outbox: CognitoOutbox,
  ) {
    this.challenges = new SessionStore(options.now);
    this.unknownUsers = new UnknownUserLedger(options.now);
  }

  now(): number {
    return this.options.now();
  }

  get log(): EmulatorLogger {
    return this.options.log;
  }

  poolArn(poolId: string): string {
    return `arn:aws:cognito-idp:${this.options.region}:${this.options.accountId}:userpool/${poolId}`;
  }

  /** The `iss` of a pool's tokens. */
  issuer(poolId: string): string {
    if (this.options.issuer === 'local') {
      if (this.publicUrl === undefined) {
        throw new Error('issuer "local" needs the server URL: start the server before minting tokens');
      }
      return `${this.publicUrl.replace(/\/$/, '')}/${poolId}`;
    }
    return `https://cognito-idp.${this.options.region}.amazonaws.com/${poolId}`;
  }

  signingKeys(poolId: string): SigningKey[] {
    let keys = this.keyCache.get(poolId);
    if (keys === undefined) {
      keys = this.store.getKeys(poolId).map(loadSigningKey);
      this.keyCache.set(poolId, keys);
    }
    return keys;
  }

  signingKey(poolId: string, use: 'id' | 'access'): SigningKey {
    const key = this.signingKeys(poolId).find((k) => k.use === use);
    if (key === undefined) throw new Error(`pool ${poolId} has no ${use} signing key`);
    return key;
  }

  forgetPool(poolId: string): void {
    this.keyCache.delete(poolId);
    this.accessVerifiers.delete(poolId);
  }

  /** Verifies a pool's access tokens: its access key only, its issuer, `token_use`, expiry, the admin scope. */
  private accessVerifier(poolId: string): TokenVerifier {
    const issuer = this.issuer(poolId);
    let verifier = this.accessVerifiers.get(poolId);
    // A local issuer names the server's URL, which is known only once it listens.
    if (verifier === undefined || verifier.issuer !== issuer) {
      verifier = new TokenVerifier({
        issuer,
        jwks: { keys: this.signingKeys(poolId).flatMap((k) => (k.use === 'access' ? [k.publicJwk] : [])) },
        tokenUse: 'access',
        clientId: null,
        scopes: [ADMIN_SCOPE],
        now: this.options.now,
      });
      this.accessVerifiers.set(poolId, verifier);
    }
    return verifier;
  }

  requirePool(poolId: string): UserPool {
    const pool = this.store.getPool(poolId);
    if (pool === undefined) throw resourceNotFound(`User pool ${poolId} does not exist.`);
    return pool;
  }

  /** The client and its pool; `poolId` (admin operations) must match the client's pool. */
  requireClient(clientId: string, poolId?: string): { pool: UserPool; client: UserPoolClient } {
    const client = this.store.getClient(clientId);
    if (client === undefined || (poolId !== undefined && client.UserPoolId !== poolId)) {
      throw resourceNotFound(`User pool client ${clientId} does not exist.`);
    }
    return { pool: this.requirePool(client.UserPoolId), client };
  }

  caseSensitive(pool: UserPool): boolean {
    return pool.UsernameConfiguration?.CaseSensitive !== false;
  }

  key(pool: UserPool, value: string): string {
    return this.caseSensitive(pool) ? value : value.toLowerCase();
  }

  userKeys(pool: UserPool, user: UserRecord): UserKeys {
    const opt = (v: string | undefined) => (v === undefined || v === '' ? null : this.key(pool, v));
    return {
      usernameKey: this.key(pool, user.username),
      emailKey: opt(user.attributes.email),
      phoneKey: opt(user.attributes.phone_number),
      preferredKey: opt(user.attributes.preferred_username),
    };
  }

  saveUser(pool: UserPool, user: UserRecord): void {
    user.modifiedAt = this.now();
    this.store.updateUser(user, this.userKeys(pool, user));
  }

  /**
   * Finds a user by what they typed: the username, or — where the pool allows — the email or phone number
   * that is the username (`UsernameAttributes`) or a verified alias (`AliasAttributes`).
   */
  findUser(pool: UserPool, name: string): UserRecord | undefined {
    const direct = this.store.getUser(pool.Id, this.key(pool, name));
    if (direct !== undefined) return direct;
    const key = this.key(pool, name);
    const by = (attr: 'email' | 'phone_number' | 'preferred_username', verifiedOnly: boolean) => {
      const column = attr === 'email' ? 'email' : attr === 'phone_number' ? 'phone' : 'preferred';
      const found = this.store.findUsersBy(pool.Id, column, key);
      if (!verifiedOnly || attr === 'preferred_username') return found[0];
      return found.find((u) => u.attributes[`${attr}_verified`] === 'true');
    };
    for (const attr of pool.UsernameAttributes ?? []) {
      const u = by(attr as 'email' | 'phone_number', false);
      if (u !== undefined) return u;
    }
    for (const attr of pool.AliasAttributes ?? []) {
      const u = by(attr as 'email' | 'phone_number' | 'preferred_username', true);
      if (u !== undefined) return u;
    }
    return undefined;
  }

  /**
   * How the unknown-user ledger names a typed name: an HMAC under the pool's private key of the name as the pool
   * compares it. Fixed-size whatever was typed, and never the typed text itself (people type passwords into
   * username fields), so the ledger holds nothing worth reading and its entries cannot be inflated.
   */
  unknownUserKey(pool: UserPool, typed: string): string {
    return createHmac('sha256', Buffer.from(pool.FakeSaltKey, 'hex'))
      .update(`unknown-user\u0000${this.key(pool, typed)}`)
      .digest('base64url');
  }

  requireUser(pool: UserPool, name: string): UserRecord {
    const user = this.findUser(pool, name);
    if (user === undefined) throw userNotFound();
    return user;
  }

  /**
   * Checks SECRET_HASH = Base64(HMAC-SHA256(clientSecret, username + clientId)) for clients with a secret.
   * `usernames` are the spellings the caller may have hashed (what was typed, and the internal username).
   */
  checkSecretHash(client: UserPoolClient, usernames: string[], secretHash: string | undefined): void {
    if (client.ClientSecret === undefined) return;
    if (secretHash === undefined || secretHash === '') {
      throw notAuthorized(`Client ${client.ClientId} is configured for secret but secret was not received`);
    }
    const given = Buffer.from(secretHash, 'base64');
    for (const name of usernames) {
      const expected = createHmac('sha256', client.ClientSecret)
        .update(name + client.ClientId)
        .digest();
      if (given.length === expected.length && timingSafeEqual(given, expected)) return;
    }
    throw notAuthorized(`Unable to verify secret hash for client ${client.ClientId}`);
  }

  /** Checks a raw ClientSecret (RevokeToken, GetTokensFromRefreshToken). */
  checkClientSecret(client: UserPoolClient, secret: string | undefined): void {
    if (client.ClientSecret === undefined) return;
    const a = Buffer.from(secret ?? '');
    const b = Buffer.from(client.ClientSecret);
    if (a.length !== b.length || !timingSafeEqual(a, b)) {
      throw notAuthorized(`Unable to verify secret hash for client ${client.ClientId}`);
    }
  }

  newCode(purpose: keyof typeof CODE_LIFETIME_MS, attributeName?: string): PendingCode {
    return {
      code: String(randomInt(0, 1_000_000)).padStart(6, '0'),
      expiresAt: this.now() + CODE_LIFETIME_MS[purpose],
      failedAttempts: 0,
      ...(attributeName === undefined ? {} : { attributeName }),
    };
  }

  /**
   * Checks a typed code against a pending one, counting wrong guesses; throws AWS's errors. Does not save:
   * the caller saves the user (failed attempts included) before rethrowing.
   */
  matchCode(pending: PendingCode | undefined, given: string): 'ok' | CognitoException {
    if (pending === undefined) {
      return new CognitoException(
        'ExpiredCodeException',
        'Invalid code provided, please request a code again.',
      );
    }
    if (pending.failedAttempts >= MAX_CODE_ATTEMPTS) return attemptLimitExceeded();
    const a = Buffer.from(pending.code);
    const b = Buffer.from(given);
    if (a.length !== b.length || !timingSafeEqual(a, b)) {
      pending.failedAttempts++;
      return codeMismatch();
    }
    if (pending.expiresAt <= this.now()) {
      return new CognitoException(
        'ExpiredCodeException',
        'Invalid code provided, please request a code again.',
      );
    }
    return 'ok';
  }

  /**
   * The answer to a code typed for a name that matches no user (or a disabled one) when the client hides user
   * existence: `CodeMismatchException`, and after {@link MAX_CODE_ATTEMPTS} wrong guesses
   * `LimitExceededException`, as an existing user's code would answer.
   */
  hiddenCodeFailure(pool: UserPool, typed: string, purpose: CodePurpose): CognitoException {
    const key = this.unknownUserKey(pool, typed);
    if (this.unknownUsers.codeFailures(pool.Id, key, purpose) >= MAX_CODE_ATTEMPTS) {
      return attemptLimitExceeded();
    }
    this.unknownUsers.recordCodeFailure(pool.Id, key, purpose);
    return codeMismatch();
  }

  /** Sends a code (or temporary password) to the outbox and returns CodeDeliveryDetails. */
  deliver(
    pool: UserPool,
    user: UserRecord,
    kind: OutboxKind,
    attributeName: 'email' | 'phone_number',
    content: { code?: string; temporaryPassword?: string },
    /** Where to send instead of the attribute's current value (a new address waiting for verification). */
    to?: string,
  ): { Destination: string; DeliveryMedium: 'EMAIL' | 'SMS'; AttributeName: string } {
    const destination = to ?? user.attributes[attributeName] ?? '';
    const medium = attributeName === 'email' ? 'EMAIL' : 'SMS';
    this.outbox.deliver({
      userPoolId: pool.Id,
      username: user.username,
      kind,
      attributeName,
      destination,
      deliveryMedium: medium,
      ...content,
      sentAt: new Date(this.now()).toISOString(),
    });
    return {
      Destination: maskDestination(attributeName, destination),
      DeliveryMedium: medium,
      AttributeName: attributeName,
    };
  }

  /** Where a sign-up confirmation goes: the first auto-verified attribute the user has. */
  signUpChannel(pool: UserPool, user: UserRecord): 'email' | 'phone_number' | undefined {
    for (const attr of pool.AutoVerifiedAttributes ?? []) {
      if ((attr === 'email' || attr === 'phone_number') && (user.attributes[attr] ?? '') !== '') return attr;
    }
    return undefined;
  }

  /** Where a password-reset code goes: a verified channel, in the pool's recovery order. */
  recoveryChannel(pool: UserPool, user: UserRecord): 'email' | 'phone_number' | undefined {
    const setting = pool.Passthrough.AccountRecoverySetting as
      | { RecoveryMechanisms?: { Name: string; Priority: number }[] }
      | undefined;
    const order = setting?.RecoveryMechanisms
      ? [...setting.RecoveryMechanisms].sort((a, b) => a.Priority - b.Priority).map((m) => m.Name)
      : ['verified_phone_number', 'verified_email'];
    for (const m of order) {
      if (m === 'verified_email' && user.attributes.email_verified === 'true' && user.attributes.email)
        return 'email';
      if (
        m === 'verified_phone_number' &&
        user.attributes.phone_number_verified === 'true' &&
        user.attributes.phone_number
      ) {
        return 'phone_number';
      }
    }
    return undefined;
  }

  /**
   * Revokes every session of a user (GlobalSignOut, AdminUserGlobalSignOut, AdminDisableUser): their refresh
   * tokens, the access tokens issued from them, and — for clients without token revocation, whose tokens
   * carry no `origin_jti` — every access token issued before this second.
   */
  signOutEverywhere(pool: UserPool, user: UserRecord): void {
    const now = this.now();
    this.store.transaction(() => {
      this.store.revokeUserTokens(pool.Id, user.username, now);
      user.signedOutAt = now;
      this.saveUser(pool, user);
    });
  }

  /**
   * Verifies an access token as every Cognito operation that takes one does: signature with the pool's
   * access key, issuer, `token_use`, expiry, the `aws.cognito.signin.user.admin` scope, revocation, and
   * that the user still exists and is enabled.
   */
  authenticate(accessToken: string): { pool: UserPool; user: UserRecord; claims: Record<string, unknown> } {
    const invalid = () => notAuthorized('Invalid Access Token');
    const iss = unverifiedIssuer(accessToken);
    if (iss === undefined) throw invalid();
    const poolId = iss.split('/').pop() ?? '';
    const pool = this.store.getPool(poolId);
    if (pool === undefined || this.issuer(poolId) !== iss) throw invalid();
    const verified = this.accessVerifier(poolId).verify(accessToken);
    if (!verified.ok) {
      if (verified.failure === 'expired') throw notAuthorized('Access Token has expired');
      if (verified.failure === 'scope') throw notAuthorized('Access Token does not have required scopes');
      throw invalid();
    }
    const claims: Record<string, unknown> = verified.payload;
    if (typeof claims.origin_jti === 'string' && this.store.isOriginRevoked(claims.origin_jti)) {
      throw notAuthorized('Access Token has been revoked');
    }
    const user = this.store.getUser(pool.Id, this.key(pool, String(claims.username ?? '')));
    if (user === undefined || user.sub !== claims.sub) throw userNotFound();
    if (!user.enabled) throw notAuthorized('User is disabled.');
    if (
      typeof claims.origin_jti !== 'string' &&
      user.signedOutAt !== undefined &&
      typeof claims.iat === 'number' &&
      claims.iat < Math.floor(user.signedOutAt / 1000)
    ) {
      throw notAuthorized('Access Token has been revoked');
    }
    return { pool, user, claims };
  }
}

/** A wrong code. */
export function codeMismatch(): CognitoException {
  return new CognitoException(
    'CodeMismatchException',
    'Invalid verification code provided, please try again.',
  );
}

/** Too many wrong guesses of one code. */
export function attemptLimitExceeded(): CognitoException {
  return new CognitoException(
    'LimitExceededException',
    'Attempt limit exceeded, please try after some time.',
  );
}

/** SHA-256 of a refresh token: the only form in which refresh tokens are stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
