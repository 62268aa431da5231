import { join } from 'node:path';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoService, silentLogger } from '@org/emulator';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  callApi,
  newSignedInUser,
  type TestTokens,
  type TestUser,
  uniqueEmail,
  useLocalStack,
} from './support/local-stack.js';

// What API Gateway's Cognito authorizer refuses, on the synthesized app: every protected route requires an
// access token of the app's pool carrying the API scope.
const env = useLocalStack();

let user: TestUser & { tokens: TestTokens };
let otherPoolToken: string;
let expiredToken: string;

/** A second pool on the same local Cognito, with its own keys: its tokens must not open the API. */
async function tokenFromAnotherPool(): Promise<string> {
  const { cognito } = env();
  const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'intruders' }));
  const { UserPoolClient } = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: UserPool!.Id!,
      ClientName: 'intruder-app',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  const username = uniqueEmail('intruder');
  // The new pool has Cognito's default policy: upper and lower case, digits and symbols.
  const password = 'Intruder-Passw0rd!';
  await cognito.send(
    new AdminCreateUserCommand({ UserPoolId: UserPool!.Id!, Username: username, MessageAction: 'SUPPRESS' }),
  );
  await cognito.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: UserPool!.Id!,
      Username: username,
      Password: password,
      Permanent: true,
    }),
  );
  const { AuthenticationResult } = await cognito.send(
    new InitiateAuthCommand({
      ClientId: UserPoolClient!.ClientId!,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
  return AuthenticationResult!.AccessToken!;
}

/**
 * A genuine access token of the app's pool, signed with its keys, that expired an hour ago: the same
 * Cognito store opened a second time with a clock two hours behind signs the user in.
 */
async function expiredAccessToken(u: TestUser): Promise<string> {
  const past = Date.now() - 2 * 60 * 60 * 1000;
  const service = CognitoService.open({
    database: join(env().stateDir, 'cognito.sqlite'),
    region: env().outputs.Region,
    log: silentLogger,
    now: () => past,
    // The pool's pre-token-generation trigger runs in the stack's own Lambda runtime.
    invokeTrigger: async (functionArn, event) => {
      const result = await env().stack.lambda.invoke(functionArn, event);
      if (!result.ok) throw new Error(`${result.errorType}: ${result.errorMessage}`);
      return result.payload;
    },
  });
  try {
    const out = await service.call('InitiateAuth', {
      ClientId: env().outputs.UserPoolClientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: u.email, PASSWORD: u.password },
    });
    return (out.AuthenticationResult as { AccessToken: string }).AccessToken;
  } finally {
    service.close();
  }
}

function tamper(token: string): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
  claims['cognito:groups'] = ['admin'];
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

beforeAll(async () => {
  user = await newSignedInUser(env());
  otherPoolToken = await tokenFromAnotherPool();
  expiredToken = await expiredAccessToken(user);
});

describe('the Cognito authorizer on the real app', () => {
  it.each([
    ['Bearer <access token>', () => `Bearer ${user.tokens.accessToken}`],
    ['the bare access token', () => user.tokens.accessToken],
  ])('lets %s through', async (_name, header) => {
    const res = await callApi(env(), 'me', { headers: { Authorization: header() } });
    expect(res.status).toBe(200);
  });

  it.each([
    ['no token', () => undefined],
    ['a malformed token', () => 'Bearer this-is-not-a-jwt'],
    ['a tampered token', () => `Bearer ${tamper(user.tokens.accessToken)}`],
    ['an ID token (the methods require a scope)', () => `Bearer ${user.tokens.idToken}`],
    ['a token from another pool', () => `Bearer ${otherPoolToken}`],
    ['a refresh token', () => `Bearer ${user.tokens.refreshToken}`],
  ])('refuses %s with 401 {"message":"Unauthorized"}', async (_name, header) => {
    const value = header();
    for (const path of ['me', 'notes', 'admin/stats']) {
      const res = await callApi(
        env(),
        path,
        value === undefined ? {} : { headers: { Authorization: value } },
      );
      expect(res.status).toBe(401);
      expect(res.text).toBe('{"message":"Unauthorized"}');
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
    }
  });

  it('refuses an expired token with 401 {"message":"The incoming token has expired"}', async () => {
    const res = await callApi(env(), 'me', { token: expiredToken });
    expect(res.status).toBe(401);
    expect(res.text).toBe('{"message":"The incoming token has expired"}');
  });

  it('never writes a token into the log', async () => {
    const lines = env().logs;
    // The refusals above were logged with their reason...
    expect(lines.some((l) => /refused the request/.test(l.msg))).toBe(true);
    // ...and no line holds a token (or its signature).
    for (const token of [user.tokens.accessToken, otherPoolToken, expiredToken]) {
      for (const line of lines) expect(line.msg).not.toContain(token.split('.')[2]!);
    }
  });
});
