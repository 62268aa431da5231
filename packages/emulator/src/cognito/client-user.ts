import { targetedOperation } from './cognito-operation.js';
import type { UserPool, UserPoolClient, UserRecord } from './cognito-types.js';
import { checkSecretHash } from './domain/client-policy.js';
import type { Services } from './services.js';

/** The client a public operation names, its pool, and the user the typed name finds (if any). */
export interface ClientUser {
  pool: UserPool;
  client: UserPoolClient;
  user: UserRecord | undefined;
}

/**
 * What the public operations that name a user through an app client start with: the client and its pool,
 * the user the typed name finds (if any), and the client's SECRET_HASH checked over both spellings.
 */
export function clientUser(
  s: Pick<Services, 'pools' | 'users'>,
  input: { ClientId: string; Username: string; SecretHash?: string | undefined },
): ClientUser {
  const { pool, client } = s.pools.requireClient(input.ClientId);
  const user = s.users.find(pool, input.Username);
  checkSecretHash(client, [input.Username, ...(user ? [user.username] : [])], input.SecretHash);
  return { pool, client, user };
}

/**
 * Declares a public operation that names a user through an app client (ConfirmSignUp, ForgotPassword…): its
 * spec has `ClientId`, `SecretHash` and `Username`, and the handler is given what `clientUser` finds, before
 * it runs. Whether a missing user is told apart is the handler's to decide (the client's
 * PreventUserExistenceErrors).
 */
export const clientUserOperation = targetedOperation('none', clientUser);
