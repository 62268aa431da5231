import { runTrigger, triggerAttributes } from '../cognito-triggers.js';
import type { UserRecord } from '../cognito-types.js';
import type { AuthResponse, SignInRequest, SignInServices } from './sign-in-types.js';

/** The PostAuthentication trigger, once a sign-in is complete (before tokens, or a managed login session). */
export async function postAuthentication(
  s: Pick<SignInServices, 'config'>,
  { pool, client, clientMetadata }: SignInRequest,
  user: UserRecord,
): Promise<void> {
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
}

/** The end of every sign-in: the PostAuthentication trigger, then ID, access and refresh tokens. */
export async function issueTokens(
  s: SignInServices,
  req: SignInRequest,
  user: UserRecord,
  triggerSource: string,
): Promise<AuthResponse> {
  await postAuthentication(s, req, user);
  const { pool, client, clientMetadata } = req;
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
