import { createHmac, timingSafeEqual } from 'node:crypto';
import { notAuthorized, userNotFound } from '../cognito-error.js';
import type { UserPoolClient } from '../cognito-types.js';

/**
 * What an app client allows and demands: its auth flows, its secret (SECRET_HASH or the raw secret) and
 * whether it hides which users exist. Pure rules over the client record.
 */

/** Whether the client hides whether a user exists (PreventUserExistenceErrors = ENABLED). */
export function hidesUserExistence(client: UserPoolClient): boolean {
  return client.PreventUserExistenceErrors === 'ENABLED';
}

/** The error for an unknown user: `hidden()` when the client hides user existence, UserNotFound otherwise. */
export function unknownUserError(client: UserPoolClient, hidden: () => Error): Error {
  return hidesUserExistence(client) ? hidden() : userNotFound();
}

const LEGACY_FLOWS: ReadonlyMap<string, string> = new Map([
  ['ADMIN_NO_SRP_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH'],
  ['USER_PASSWORD_AUTH', 'ALLOW_USER_PASSWORD_AUTH'],
  ['CUSTOM_AUTH_FLOW_ONLY', 'ALLOW_CUSTOM_AUTH'],
]);

const FLOW_NEEDS: ReadonlyMap<string, string> = new Map([
  ['USER_PASSWORD_AUTH', 'ALLOW_USER_PASSWORD_AUTH'],
  ['USER_SRP_AUTH', 'ALLOW_USER_SRP_AUTH'],
  ['REFRESH_TOKEN_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  ['REFRESH_TOKEN', 'ALLOW_REFRESH_TOKEN_AUTH'],
  ['ADMIN_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH'],
  ['ADMIN_NO_SRP_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH'],
  ['CUSTOM_AUTH', 'ALLOW_CUSTOM_AUTH'],
  ['USER_AUTH', 'ALLOW_USER_AUTH'],
]);

/** Whether the client allows an auth flow; the pre-`ALLOW_` names AWS still accepts count too. */
export function flowAllowed(client: UserPoolClient, flow: string): boolean {
  // A client with no ExplicitAuthFlows allows SRP, refresh and custom auth, as on AWS.
  const flows = client.ExplicitAuthFlows?.length
    ? client.ExplicitAuthFlows
    : ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_CUSTOM_AUTH'];
  const normalized = new Set(flows.map((f) => LEGACY_FLOWS.get(f) ?? f));
  if (client.ExplicitAuthFlows?.length && !client.ExplicitAuthFlows.some((f) => f.startsWith('ALLOW_'))) {
    // Legacy lists always allowed SRP and refresh.
    normalized.add('ALLOW_USER_SRP_AUTH');
    normalized.add('ALLOW_REFRESH_TOKEN_AUTH');
  }
  const want = FLOW_NEEDS.get(flow);
  return want !== undefined && normalized.has(want);
}

/**
 * Checks SECRET_HASH = Base64(HMAC-SHA256(clientSecret, username + clientId)) for clients with a secret.
 * `usernames` are the spellings the caller may have hashed (what was typed, and the internal username).
 */
export function checkSecretHash(
  client: UserPoolClient,
  usernames: readonly string[],
  secretHash: string | undefined,
): void {
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
export function checkClientSecret(client: UserPoolClient, secret: string | undefined): void {
  if (client.ClientSecret === undefined) return;
  const a = Buffer.from(secret ?? '');
  const b = Buffer.from(client.ClientSecret);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw notAuthorized(`Unable to verify secret hash for client ${client.ClientId}`);
  }
}

/** Refuses a write to attributes outside the client's `WriteAttributes` (when it lists any). */
export function checkWritable(client: UserPoolClient | undefined, names: readonly string[]): void {
  const writable = client?.WriteAttributes;
  if (writable === undefined || writable.length === 0) return;
  if (names.some((n) => !writable.includes(n))) {
    throw notAuthorized('A client attempted to write unauthorized attribute');
  }
}
