import {
  AdminCreateUserCommand,
  GetUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  AuthenticationDetails,
  CognitoRefreshToken,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
} from 'amazon-cognito-identity-js';
import { describe, expect, it } from 'vitest';
import { checkPassword, createVerifier, padHex, SrpClient, srpTimestamp } from '../../src/cognito/srp.js';
import {
  createConfirmedUser,
  type Harness,
  STRONG_PASSWORD,
  srpChallenge,
  usePoolHarness,
  verifiers,
} from './cognito-test-harness.js';

describe('SRP arithmetic', () => {
  it.each([
    [0x7fn, '7f'],
    [0x80n, '0080'],
    [0xfn, '0f'],
    [0xabcn, '0abc'],
    [0x1234n, '1234'],
    [0xff00n, '00ff00'],
  ])('pads %s as Java two’s-complement hex: %s', (value, hex) => {
    expect(padHex(value)).toBe(hex);
  });

  it.each([
    ['2026-11-26T13:02:49Z', 'Thu Nov 26 13:02:49 UTC 2026'],
    ['2025-03-03T09:05:07Z', 'Mon Mar 3 09:05:07 UTC 2025'],
    ['2024-01-01T00:00:00Z', 'Mon Jan 1 00:00:00 UTC 2024'],
  ])('formats TIMESTAMP for %s as %s', (iso, expected) => {
    expect(srpTimestamp(new Date(iso))).toBe(expected);
  });

  it('checks a password against the verifier and nothing else', () => {
    const v = createVerifier('Pool1', 'user', STRONG_PASSWORD);
    expect(v.verifier).not.toContain(STRONG_PASSWORD);
    expect(checkPassword('Pool1', 'user', STRONG_PASSWORD, v)).toBe(true);
    expect(checkPassword('Pool1', 'user', `${STRONG_PASSWORD}x`, v)).toBe(false);
    expect(checkPassword('Pool2', 'user', STRONG_PASSWORD, v)).toBe(false);
    expect(checkPassword('Pool1', 'other', STRONG_PASSWORD, v)).toBe(false);
  });

  it('salts every verifier', () => {
    const a = createVerifier('Pool1', 'user', STRONG_PASSWORD);
    const b = createVerifier('Pool1', 'user', STRONG_PASSWORD);
    expect(a.salt).not.toBe(b.salt);
    expect(a.verifier).not.toBe(b.verifier);
  });
});

function authenticate(user: CognitoUser, password: string): Promise<CognitoUserSession> {
  return new Promise((resolve, reject) => {
    user.authenticateUser(new AuthenticationDetails({ Username: user.getUsername(), Password: password }), {
      onSuccess: resolve,
      onFailure: reject,
    });
  });
}

describe('USER_SRP_AUTH with amazon-cognito-identity-js', () => {
  let h: Harness;
  let poolId: string;
  let clientId: string;
  let userPool: CognitoUserPool;

  usePoolHarness(
    async (t) => {
      ({ h, poolId, clientId } = t);
      await createConfirmedUser(h, poolId, 'frank', [
        { Name: 'email', Value: 'frank@example.com' },
        { Name: 'email_verified', Value: 'true' },
      ]);
      userPool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: h.server.url });
    },
    { pool: { AliasAttributes: ['email'] } },
  );

  it('signs in, refreshes and signs out', async () => {
    const user = new CognitoUser({ Username: 'frank', Pool: userPool });
    const session = await authenticate(user, STRONG_PASSWORD);
    expect(session.isValid()).toBe(true);
    const v = verifiers(h, poolId, clientId);
    await expect(v.access.verify(session.getAccessToken().getJwtToken())).resolves.toMatchObject({
      username: 'frank',
    });

    const refreshed = await new Promise<CognitoUserSession>((resolve, reject) =>
      user.refreshSession(
        new CognitoRefreshToken({ RefreshToken: session.getRefreshToken().getToken() }),
        (err, s) => (err ? reject(err) : resolve(s as CognitoUserSession)),
      ),
    );
    expect(refreshed.getAccessToken().getJwtToken()).not.toBe(session.getAccessToken().getJwtToken());

    await new Promise<void>((resolve, reject) =>
      user.globalSignOut({ onSuccess: () => resolve(), onFailure: reject }),
    );
    await expect(
      h.sdk.send(new GetUserCommand({ AccessToken: refreshed.getAccessToken().getJwtToken() })),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Access Token has been revoked' });
    await expect(
      h.sdk.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: session.getRefreshToken().getToken() },
        }),
      ),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' });
  });

  it('signs in with a verified email alias (USER_ID_FOR_SRP is the username)', async () => {
    const user = new CognitoUser({ Username: 'frank@example.com', Pool: userPool });
    const session = await authenticate(user, STRONG_PASSWORD);
    expect(session.getIdToken().payload['cognito:username']).toBe('frank');
  });

  it('refuses a wrong password with NotAuthorizedException', async () => {
    const user = new CognitoUser({ Username: 'frank', Pool: userPool });
    await expect(authenticate(user, 'Wr0ng-Password!')).rejects.toMatchObject({
      code: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
  });

  it('signs out with token revocation (RevokeToken) when the access token has origin_jti', async () => {
    const user = new CognitoUser({ Username: 'frank', Pool: userPool });
    const session = await authenticate(user, STRONG_PASSWORD);
    await new Promise<void>((resolve) => user.signOut(() => resolve()));
    await expect(
      h.sdk.send(new GetUserCommand({ AccessToken: session.getAccessToken().getJwtToken() })),
    ).rejects.toMatchObject({ message: 'Access Token has been revoked' });
  });

  it('asks a user created by an admin for a new password', async () => {
    await h.sdk.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: 'gina',
        TemporaryPassword: 'Temp0rary!pw',
        MessageAction: 'SUPPRESS',
      }),
    );
    const user = new CognitoUser({ Username: 'gina', Pool: userPool });
    const session = await new Promise<CognitoUserSession>((resolve, reject) => {
      user.authenticateUser(new AuthenticationDetails({ Username: 'gina', Password: 'Temp0rary!pw' }), {
        onSuccess: resolve,
        onFailure: reject,
        newPasswordRequired: () =>
          user.completeNewPasswordChallenge(STRONG_PASSWORD, {}, { onSuccess: resolve, onFailure: reject }),
      });
    });
    expect(session.isValid()).toBe(true);
    const again = await authenticate(new CognitoUser({ Username: 'gina', Pool: userPool }), STRONG_PASSWORD);
    expect(again.isValid()).toBe(true);
  });
});

describe('USER_SRP_AUTH and PreventUserExistenceErrors', () => {
  let h: Harness;
  let poolId: string;
  let clientId: string;
  const poolName = () => poolId.split('_')[1] ?? '';

  usePoolHarness(
    async (t) => {
      ({ h, poolId, clientId } = t);
      await createConfirmedUser(h, poolId, 'hank');
    },
    { client: { PreventUserExistenceErrors: 'ENABLED' } },
  );

  const challenge = (username: string, client: SrpClient) => srpChallenge(h, clientId, username, client);

  it('signs in with the native SRP client', async () => {
    const client = new SrpClient(poolName());
    const params = await challenge('hank', client);
    const out = await h.sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeResponses: client.respond(params, STRONG_PASSWORD),
      }),
    );
    expect(out.AuthenticationResult?.AccessToken).toBeDefined();
  });

  it('simulates a challenge for an unknown user with a stable salt and UUID-shaped id', async () => {
    const first = await challenge('nobody', new SrpClient(poolName()));
    const second = await challenge('nobody', new SrpClient(poolName()));
    expect(first.SALT).toBe(second.SALT);
    expect(first.USER_ID_FOR_SRP).toBe(second.USER_ID_FOR_SRP);
    expect(first.USER_ID_FOR_SRP).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(first.SRP_B).not.toBe(second.SRP_B);
    const other = await challenge('somebody-else', new SrpClient(poolName()));
    expect(other.SALT).not.toBe(first.SALT);
  });

  it('answers the simulated challenge exactly as a wrong password', async () => {
    for (const username of ['nobody', 'hank']) {
      const client = new SrpClient(poolName());
      const params = await challenge(username, client);
      await expect(
        h.sdk.send(
          new RespondToAuthChallengeCommand({
            ClientId: clientId,
            ChallengeName: 'PASSWORD_VERIFIER',
            ChallengeResponses: client.respond(params, 'Wr0ng-Password!'),
          }),
        ),
      ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    }
  });

  it('refuses a reused SECRET_BLOCK', async () => {
    const client = new SrpClient(poolName());
    const params = await challenge('hank', client);
    const responses = client.respond(params, STRONG_PASSWORD);
    await h.sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeResponses: responses,
      }),
    );
    await expect(
      h.sdk.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: 'PASSWORD_VERIFIER',
          ChallengeResponses: responses,
        }),
      ),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });

  it('expires the challenge after the client’s AuthSessionValidity', async () => {
    const client = new SrpClient(poolName());
    const params = await challenge('hank', client);
    h.clock.now += 3 * 60_000 + 1;
    await expect(
      h.sdk.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: 'PASSWORD_VERIFIER',
          ChallengeResponses: client.respond(params, STRONG_PASSWORD),
        }),
      ),
    ).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user, session is expired.',
    });
  });

  it.each([
    ['not hex', 'xyz'],
    ['zero', '0'],
    [
      'N itself',
      'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
    ],
  ])('refuses an SRP_A that is %s', async (_what, srpA) => {
    await expect(
      h.sdk.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'USER_SRP_AUTH',
          AuthParameters: { USERNAME: 'hank', SRP_A: srpA },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });
});
