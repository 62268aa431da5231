import { type CognitoContext, hashToken } from './cognito-context.js';
import { CognitoException, notAuthorized, userNotFound } from './cognito-error.js';
import type { UserPool, UserPoolClient } from './cognito-types.js';
import { type AuthenticationResult, mintTokens } from './token-minter.js';

/** REFRESH_TOKEN_AUTH and GetTokensFromRefreshToken: new ID/access tokens for the same session. */
export async function refreshAuth(
  ctx: CognitoContext,
  pool: UserPool,
  client: UserPoolClient,
  refreshToken: string,
  check: { secretHash?: string | undefined; clientSecret?: string | undefined; useSecretHash: boolean },
  clientMetadata: Record<string, string> | undefined,
): Promise<AuthenticationResult> {
  const record = ctx.store.getRefreshToken(hashToken(refreshToken));
  if (record === undefined || record.clientId !== client.ClientId || record.poolId !== pool.Id) {
    if (!check.useSecretHash) ctx.checkClientSecret(client, check.clientSecret);
    throw notAuthorized('Invalid Refresh Token');
  }
  const user = ctx.store.getUser(pool.Id, ctx.key(pool, record.username));
  if (check.useSecretHash) {
    ctx.checkSecretHash(
      client,
      [record.username, ...(user ? [user.username, user.sub] : [])],
      check.secretHash,
    );
  } else {
    ctx.checkClientSecret(client, check.clientSecret);
  }
  const now = ctx.now();
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
  const result = await mintTokens(ctx, {
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
  if (rotation) ctx.store.markRotated(record.hash, now);
  return result;
}
