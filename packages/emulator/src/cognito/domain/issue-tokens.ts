import { runTrigger, triggerAttributes } from '../cognito-triggers.js';
import type { UserRecord } from '../cognito-types.js';
import type { AuthResponse, SignInRequest, SignInServices } from './sign-in-types.js';

/** The end of every sign-in: the PostAuthentication trigger, then ID, access and refresh tokens. */
export async function issueTokens(
  s: SignInServices,
  { pool, client, clientMetadata }: SignInRequest,
  user: UserRecord,
  triggerSource: string,
): Promise<AuthResponse> {
  await runTrigger(s.config, pool, 'PostAuthentication', {
    triggerSource: 'PostAuthentication_Authentication',
    userName: user.username,
    clientId: client.ClientId,
    request: {
      userAttributes: triggerAttributes(user),
      newDeviceUsed: false,
      ...(clientMetadata === undefined ? {} : { clientMetadata }),
    },
  });
  const result = await s.tokens.mint({
    pool,
    client,
    user,
    triggerSource,
    ...(clientMetadata === undefined ? {} : { clientMetadata }),
    issueRefreshToken: true,
  });
  return { ChallengeParameters: {}, AuthenticationResult: result };
}
