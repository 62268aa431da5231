import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { secretHash } from '../../src/cognito/client-secret-transport.js';
import { FakeCognito } from '../support/fake-cognito.js';
import { testClient, transports } from '../support/test-client.js';

const SECRET = 'client-secret-value';
const expected = (username: string) =>
  createHmac('sha256', SECRET).update(`${username}testclient123`).digest('base64');

describe('secretHash', () => {
  it('is Base64(HMAC-SHA256(secret, username + client id))', async () => {
    expect(await secretHash('ana@example.com', 'testclient123', SECRET)).toBe(expected('ana@example.com'));
  });
});

describe.each(transports)('a client with a secret over the %s transport', (kind) => {
  it('sends SECRET_HASH with sign-up, sign-in, every challenge answer and the refresh', async () => {
    const cognito = new FakeCognito({ accessTokenSeconds: 30 });
    const client = testClient(kind, cognito, { clientSecret: SECRET, refreshMarginSeconds: 60 });

    await client.signUp({ email: 'ana@example.com', password: 'Password-123' });
    await client.confirmSignUp({ username: 'ana@example.com', code: '123456' });
    await client.signIn({ username: 'ana@example.com', password: 'Password-123' });
    const { username } = (await client.getCurrentUser()) ?? { username: '' };
    await client.changePassword({ oldPassword: 'Password-123', newPassword: 'Password-456' }); // refreshes first
    await client.signOut();

    const body = (operation: string, nth = 0) =>
      cognito.calls.filter((c) => c.operation === operation)[nth]?.body;
    expect(body('SignUp')).toMatchObject({ SecretHash: expected('ana@example.com') });
    expect(body('ConfirmSignUp')).toMatchObject({ SecretHash: expected('ana@example.com') });
    expect(body('InitiateAuth', 0)).toMatchObject({
      AuthParameters: { SECRET_HASH: expected('ana@example.com') },
    });
    // The SRP answer names the user as Cognito does (USER_ID_FOR_SRP), and so does its hash.
    expect(body('RespondToAuthChallenge')).toMatchObject({
      ChallengeResponses: { USERNAME: username, SECRET_HASH: expected(username) },
    });
    expect(body('InitiateAuth', 1)).toMatchObject({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { SECRET_HASH: expected(username) },
    });
    expect(body('RevokeToken')).toMatchObject({ ClientSecret: SECRET });
    expect(body('ChangePassword')).not.toHaveProperty('SecretHash');
  });

  it('sends none of it without a secret', async () => {
    const cognito = new FakeCognito();
    cognito.addUser('bo@example.com', 'Password-123');
    const client = testClient(kind, cognito);

    await client.signIn({ username: 'bo@example.com', password: 'Password-123' });

    expect(JSON.stringify(cognito.calls)).not.toContain('SECRET_HASH');
  });
});
