import type { UserPool, UserPoolClient, UserRecord } from './cognito-types.js';
import { checkSecretHash } from './domain/client-policy.js';
import type { Services } from './services.js';

/**
 * What the public operations that name a user through an app client start with: the client and its pool,
 * the user the typed name finds (if any), and the client's SECRET_HASH checked over both spellings.
 */
export function clientUser(
  s: Pick<Services, 'pools' | 'users'>,
  input: { ClientId: string; Username: string; SecretHash?: string | undefined },
): { pool: UserPool; client: UserPoolClient; user: UserRecord | undefined } {
  const { pool, client } = s.pools.requireClient(input.ClientId);
  const user = s.users.find(pool, input.Username);
  checkSecretHash(client, [input.Username, ...(user ? [user.username] : [])], input.SecretHash);
  return { pool, client, user };
}
