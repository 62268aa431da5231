import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UserPool, UserPoolClient } from '../../../src/cognito/cognito-types.js';
import { passwordVerifier } from '../../../src/cognito/domain/credentials.js';
import {
  answerNewPassword,
  passwordSignIn,
  type SignInRequest,
  srpSignIn,
} from '../../../src/cognito/domain/sign-in-flow.js';
import {
  addClient,
  addPool,
  addUser,
  type DomainFixture,
  errorOf,
  openDomain,
  rejectionOf,
} from './domain-fixture.js';

const PASSWORD = 'Correct#Horse1';

describe('the sign-in flow', () => {
  let d: DomainFixture;
  let pool: UserPool;
  beforeEach(async () => {
    d = openDomain();
    pool = await addPool(d.services);
  });
  afterEach(() => d.close());

  function request(client: UserPoolClient): SignInRequest {
    return { pool, client, clientMetadata: undefined };
  }

  function userWithPassword(username: string, status: 'CONFIRMED' | 'FORCE_CHANGE_PASSWORD' = 'CONFIRMED') {
    const user = addUser(d.services, pool, username, { email: `${username}@example.com` });
    user.credential = passwordVerifier(pool.Id, username, PASSWORD);
    user.status = status;
    d.services.users.save(pool, user);
    return user;
  }

  it('answers tokens for the right password', async () => {
    userWithPassword('alice');
    const answer = await passwordSignIn(d.services, request(addClient(d.services, pool)), {
      USERNAME: 'alice',
      PASSWORD,
    });
    expect(answer.ChallengeParameters).toEqual({});
    expect(Object.keys(answer.AuthenticationResult as object)).toEqual(
      expect.arrayContaining(['AccessToken', 'IdToken', 'RefreshToken']),
    );
  });

  it.each<[UserPoolClient['PreventUserExistenceErrors'], string, string]>([
    ['LEGACY', 'alice', 'NotAuthorizedException: Incorrect username or password.'],
    ['LEGACY', 'nobody', 'UserNotFoundException: User does not exist.'],
    ['ENABLED', 'alice', 'NotAuthorizedException: Incorrect username or password.'],
    ['ENABLED', 'nobody', 'NotAuthorizedException: Incorrect username or password.'],
  ])(
    'with PreventUserExistenceErrors %s refuses a wrong password for %s as %s',
    async (mode, name, message) => {
      userWithPassword('alice');
      const client = addClient(d.services, pool, { PreventUserExistenceErrors: mode });
      expect(
        await rejectionOf(() =>
          passwordSignIn(d.services, request(client), { USERNAME: name, PASSWORD: 'Wrong#1' }),
        ),
      ).toBe(message);
    },
  );

  it('counts a wrong password against the user', async () => {
    const alice = userWithPassword('alice');
    const client = addClient(d.services, pool);
    await rejectionOf(() =>
      passwordSignIn(d.services, request(client), { USERNAME: 'alice', PASSWORD: 'Wrong#1' }),
    );
    expect(d.services.users.byUsername(pool, alice.username)?.failedSignIns).toBe(1);
  });

  it('asks a user with a temporary password for a new one, naming the missing required attributes', async () => {
    pool.SchemaAttributes = pool.SchemaAttributes.map((a) =>
      a.Name === 'name' ? { ...a, Required: true } : a,
    );
    d.services.pools.updatePool(pool);
    userWithPassword('alice', 'FORCE_CHANGE_PASSWORD');
    const answer = await passwordSignIn(d.services, request(addClient(d.services, pool)), {
      USERNAME: 'alice',
      PASSWORD,
    });
    expect(answer.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(typeof answer.Session).toBe('string');
    const parameters = answer.ChallengeParameters as Record<string, string>;
    expect(JSON.parse(parameters.requiredAttributes ?? '')).toEqual(['userAttributes.name']);
    expect(JSON.parse(parameters.userAttributes ?? '')).toMatchObject({
      email: 'alice@example.com',
      name: '',
    });
  });

  it('answers a new password with tokens and confirms the user', async () => {
    userWithPassword('alice', 'FORCE_CHANGE_PASSWORD');
    const client = addClient(d.services, pool);
    const challenge = await passwordSignIn(d.services, request(client), { USERNAME: 'alice', PASSWORD });
    const answer = await answerNewPassword(
      d.services,
      request(client),
      { USERNAME: 'alice', NEW_PASSWORD: 'Brand#New2' },
      challenge.Session as string,
    );
    expect(answer.AuthenticationResult).toBeDefined();
    expect(d.services.users.byUsername(pool, 'alice')?.status).toBe('CONFIRMED');
  });

  it.each<[string | undefined, string]>([
    [undefined, 'InvalidParameterException: Missing required parameter Session'],
    ['not-a-session-of-this-service', 'NotAuthorizedException: Invalid session for the user.'],
  ])('refuses a new password with session %j', async (session, message) => {
    const client = addClient(d.services, pool);
    expect(
      await rejectionOf(() =>
        answerNewPassword(
          d.services,
          request(client),
          { USERNAME: 'alice', NEW_PASSWORD: 'Brand#New2' },
          session,
        ),
      ),
    ).toBe(message);
  });

  it.each<[string, Record<string, string>, string]>([
    [
      'an SRP_A that is not a group element',
      { USERNAME: 'alice', SRP_A: '0' },
      'InvalidParameterException: SRP_A is invalid.',
    ],
    ['no SRP_A', { USERNAME: 'alice' }, 'InvalidParameterException: Missing required parameter SRP_A'],
  ])('refuses an SRP sign-in with %s', (_name, params, message) => {
    userWithPassword('alice');
    expect(errorOf(() => srpSignIn(d.services, request(addClient(d.services, pool)), params))).toBe(message);
  });

  it('challenges an unknown user of a hiding client as it challenges a real one', () => {
    userWithPassword('alice');
    const client = addClient(d.services, pool, { PreventUserExistenceErrors: 'ENABLED' });
    const srpA = (2n ** 255n).toString(16);
    const real = srpSignIn(d.services, request(client), { USERNAME: 'alice', SRP_A: srpA });
    const unknown = srpSignIn(d.services, request(client), { USERNAME: 'nobody', SRP_A: srpA });
    expect(real.ChallengeName).toBe('PASSWORD_VERIFIER');
    expect(unknown.ChallengeName).toBe('PASSWORD_VERIFIER');
    expect(Object.keys(unknown.ChallengeParameters as object).sort()).toEqual(
      Object.keys(real.ChallengeParameters as object).sort(),
    );
  });
});
