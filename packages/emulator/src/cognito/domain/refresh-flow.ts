import { CognitoException, notAuthorized, userNotFound } from '../cognito-error.js';
import type { UserPool, UserPoolClient } from '../cognito-types.js';
import type { Services } from '../services.js';
import type { AuthenticationResult } from '../token-minter.js';
import { checkClientSecret, checkSecretHash } from './client-policy.js';

/** How the caller proved the client: SECRET_HASH (REFRESH_TOKEN_AUTH) or the raw secret (GetTokensFromRefreshToken). */
export type ClientProof = { secretHash: string | undefined } | { clientSecret: string | undefined };

/** REFRESH_TOKEN_AUTH and GetTokensFromRefreshToken: new ID/access tokens for the same session. */
export async function refreshSession(
  s: Pick<Services, 'config' | 'users' | 'tokens'>,
  pool: UserPool,
  client: UserPoolClient,
  refreshToken: string,
  proof: ClientProof,
  clientMetadata: Record<string, string> | undefined,
): Promise<AuthenticationResult> {
  const record = s.tokens.findRefreshToken(refreshToken);
  if (record === undefined || record.clientId !== client.ClientId || record.poolId !== pool.Id) {
    if ('clientSecret' in proof) checkClientSecret(client, proof.clientSecret);
    throw notAuthorized('Invalid Refresh Token');
  }
  const user = s.users.byUsername(pool, record.username);
  if ('secretHash' in proof) {
    checkSecretHash(client, [record.username, ...(user ? [user.username, user.sub] : [])], proof.secretHash);
  } else {
    checkClientSecret(client, proof.clientSecret);
  }
  const now = s.config.now();
  if (record.revokedAt !== undefined) throw notAuthorized('Refresh Token has been revoked');
  if (record.expiresAt <= now) throw notAuthorized('Refresh Token has expired');
  if (user === undefined) throw userNotFound();
  if (!user.enabled) throw notAuthorized('User is disabled.');
  const rotation = client.RefreshTokenRotation?.Feature === 'ENABLED';
  if (rotation && record.rotatedAt !== undefined) {
    const grace = (client.RefreshTokenRotation?.RetryGracePeriodSeconds ?? 0) * 1000;
    // A reuse is allowed only while the grace period lasts: with a grace period of 0, never.
    if (now - record.rotatedAt >= grace) {
      // The exception name is AWS's; its message is not documented anywhere we could find.
      throw new CognitoException('RefreshTokenReuseException', 'Refresh token has already been used.');
    }
  }
  const result = await s.tokens.mint({
    pool,
    client,
    user,
    triggerSource: 'TokenGeneration_RefreshTokens',
    ...(clientMetadata === undefined ? {} : { clientMetadata }),
    session: { originJti: record.originJti, authTime: record.authTime },
    // With rotation on, each refresh hands out a new refresh token (same session, valid for what was left
    // of the original's lifetime) and retires the old one.
    issueRefreshToken: rotation,
    refreshTokenExpiresAt: record.expiresAt,
  });
  if (rotation) s.tokens.markRotated(record);
  return result;
}
