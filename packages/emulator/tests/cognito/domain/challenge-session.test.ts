import {
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  CreateUserPoolClientCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../../src/cognito/domain/totp.js';
import {
  createConfirmedUser,
  type Harness,
  passwordSignIn,
  STRONG_PASSWORD,
  usePoolHarness,
} from '../cognito-test-harness.js';
import { enrolTotp, nextCode, setPoolMfa } from '../mfa-test-support.js';

/**
 * The sessions of MFA challenges, answered through RespondToAuthChallenge and its Admin form alike: a used,
 * expired, foreign or missing session, and the limit of wrong codes in one session.
 */
describe.each(['RespondToAuthChallenge', 'AdminRespondToAuthChallenge'] as const)('%s', (operation) => {
  let h: Harness;
  let poolId: string;
  let clientId: string;
  let otherClientId: string;
  let secret: string;
  const username = 'mia';

  usePoolHarness(async (t) => {
    ({ h, poolId, clientId } = t);
    await setPoolMfa(h, poolId, 'OPTIONAL');
    await createConfirmedUser(h, poolId, username);
    const other = await h.sdk.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: 'other',
        ExplicitAuthFlows: [
          'ALLOW_USER_PASSWORD_AUTH',
          'ALLOW_ADMIN_USER_PASSWORD_AUTH',
          'ALLOW_REFRESH_TOKEN_AUTH',
        ],
      }),
    );
    otherClientId = other.UserPoolClient?.ClientId ?? '';
  });
  beforeAll(async () => {
    secret = await enrolTotp(h, (await passwordSignIn(h, clientId, username)).AccessToken);
  });

  /** The SOFTWARE_TOKEN_MFA session of a new sign-in through `client`. */
  const start = async (client = clientId): Promise<string> => {
    const params = { USERNAME: username, PASSWORD: STRONG_PASSWORD };
    const out =
      operation === 'RespondToAuthChallenge'
        ? await h.sdk.send(
            new InitiateAuthCommand({
              ClientId: client,
              AuthFlow: 'USER_PASSWORD_AUTH',
              AuthParameters: params,
            }),
          )
        : await h.sdk.send(
            new AdminInitiateAuthCommand({
              UserPoolId: poolId,
              ClientId: client,
              AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
              AuthParameters: params,
            }),
          );
    expect(out.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    return out.Session ?? '';
  };
  const answer = (session: string | undefined, code: string, client = clientId) => {
    const input = {
      ClientId: client,
      ChallengeName: 'SOFTWARE_TOKEN_MFA' as const,
      Session: session,
      ChallengeResponses: { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: code },
    };
    return operation === 'RespondToAuthChallenge'
      ? h.sdk.send(new RespondToAuthChallengeCommand(input))
      : h.sdk.send(new AdminRespondToAuthChallengeCommand({ ...input, UserPoolId: poolId }));
  };
  const wrong = () => (totpCode(secret, h.clock.now) === '000000' ? '000001' : '000000');
  const INVALID = { name: 'NotAuthorizedException', message: 'Invalid session for the user.' };

  it('signs in with the right code, and refuses the used session afterwards', async () => {
    const session = await start();
    await expect(answer(session, nextCode(h, secret))).resolves.toHaveProperty(
      'AuthenticationResult.AccessToken',
    );
    await expect(answer(session, nextCode(h, secret))).rejects.toMatchObject(INVALID);
  });

  it('refuses a wrong code with CodeMismatchException, twice, and ends the session at the third', async () => {
    const session = await start();
    for (let i = 0; i < 3; i++) {
      await expect(answer(session, wrong())).rejects.toMatchObject({
        name: 'CodeMismatchException',
        message: 'Invalid code received for user',
      });
    }
    await expect(answer(session, nextCode(h, secret))).rejects.toMatchObject(INVALID);
  });

  it('refuses a session past its lifetime as expired', async () => {
    const session = await start();
    h.clock.now += 3 * 60_000;
    await expect(answer(session, totpCode(secret, h.clock.now))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user, session is expired.',
    });
  });

  it("refuses another client's session, and a made-up one", async () => {
    const session = await start(otherClientId);
    await expect(answer(session, nextCode(h, secret))).rejects.toMatchObject(INVALID);
    await expect(answer('x'.repeat(128), nextCode(h, secret))).rejects.toMatchObject(INVALID);
  });

  it('asks for the session when it is missing', async () => {
    await expect(answer(undefined, nextCode(h, secret))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Missing required parameter Session',
    });
  });
});
