import type { CognitoService } from '../cognito/index.js';

/**
 * An app client's OAuth 2.0 settings, read from its `UserPoolClientType` description (DescribeUserPoolClient).
 * This module is the one place the OAuth server reads them: where the Cognito service keeps them is its own
 * business, the described shape is AWS's.
 */
export interface OAuthClient {
  poolId: string;
  clientId: string;
  /** The secret of a confidential client. */
  secret?: string;
  /** `AllowedOAuthFlowsUserPoolClient`: whether the client may use the OAuth endpoints at all. */
  oauthEnabled: boolean;
  /** `AllowedOAuthFlows`: `code`, `implicit`, `client_credentials`. */
  flows: readonly string[];
  /** `AllowedOAuthScopes`. */
  scopes: readonly string[];
  /** `CallbackURLs`: where authorize may redirect (exact match). */
  callbackUrls: readonly string[];
  /** `LogoutURLs`: where logout may redirect (exact match). */
  logoutUrls: readonly string[];
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** The client's OAuth settings, or undefined when the pool has no such client. */
export async function readOAuthClient(
  cognito: Pick<CognitoService, 'call'>,
  poolId: string,
  clientId: string,
): Promise<OAuthClient | undefined> {
  let described: Record<string, unknown>;
  try {
    const answer = await cognito.call('DescribeUserPoolClient', { UserPoolId: poolId, ClientId: clientId });
    described = (answer.UserPoolClient ?? {}) as Record<string, unknown>;
  } catch (err) {
    // An unknown client, or an id that is not one (the operation's input checks refuse it).
    if (err instanceof Error && /ResourceNotFound|InvalidParameter/.test(err.name)) return undefined;
    throw err;
  }
  return {
    poolId,
    clientId,
    ...(typeof described.ClientSecret === 'string' ? { secret: described.ClientSecret } : {}),
    oauthEnabled: described.AllowedOAuthFlowsUserPoolClient === true,
    flows: strings(described.AllowedOAuthFlows),
    scopes: strings(described.AllowedOAuthScopes),
    callbackUrls: strings(described.CallbackURLs),
    logoutUrls: strings(described.LogoutURLs),
  };
}
