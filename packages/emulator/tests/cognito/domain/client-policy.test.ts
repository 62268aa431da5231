import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CognitoException } from '../../../src/cognito/cognito-error.js';
import type { UserPoolClient } from '../../../src/cognito/cognito-types.js';
import {
  checkClientSecret,
  checkSecretHash,
  checkWritable,
  flowAllowed,
  hidesUserExistence,
  unknownUserError,
} from '../../../src/cognito/domain/client-policy.js';

function client(overrides: Partial<UserPoolClient> = {}): UserPoolClient {
  return {
    UserPoolId: 'us-east-1_abc',
    ClientName: 'app',
    ClientId: 'client1',
    RefreshTokenValidity: 30,
    PreventUserExistenceErrors: 'LEGACY',
    EnableTokenRevocation: true,
    AuthSessionValidity: 3,
    CreationDate: 0,
    LastModifiedDate: 0,
    Passthrough: {},
    ...overrides,
  };
}

function message(fn: () => void): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof CognitoException) return `${err.name}: ${err.message}`;
    throw err;
  }
  return 'accepted';
}

describe('client policy', () => {
  it.each([
    [undefined, 'USER_SRP_AUTH', true],
    [undefined, 'USER_PASSWORD_AUTH', false],
    [undefined, 'REFRESH_TOKEN', true],
    [['ALLOW_USER_PASSWORD_AUTH'], 'USER_PASSWORD_AUTH', true],
    [['ALLOW_USER_PASSWORD_AUTH'], 'USER_SRP_AUTH', false],
    [['USER_PASSWORD_AUTH'], 'USER_SRP_AUTH', true],
    [['ADMIN_NO_SRP_AUTH'], 'ADMIN_USER_PASSWORD_AUTH', true],
    [['ALLOW_USER_SRP_AUTH'], 'NOT_A_FLOW', false],
  ] as const)('with flows %j allows %s: %s', (flows, flow, allowed) => {
    const c = client(flows === undefined ? {} : { ExplicitAuthFlows: [...flows] });
    expect(flowAllowed(c, flow)).toBe(allowed);
  });

  it.each([
    ['ENABLED', true],
    ['LEGACY', false],
  ] as const)('hides user existence when PreventUserExistenceErrors is %s: %s', (mode, hides) => {
    const c = client({ PreventUserExistenceErrors: mode });
    expect(hidesUserExistence(c)).toBe(hides);
    const error = unknownUserError(c, () => new Error('hidden'));
    expect(error.message).toBe(hides ? 'hidden' : 'User does not exist.');
  });

  it('accepts a SECRET_HASH computed over any of the given spellings', () => {
    const c = client({ ClientSecret: 'shh' });
    const hash = createHmac('sha256', 'shh').update('alice-uuidclient1').digest('base64');
    expect(message(() => checkSecretHash(c, ['Alice', 'alice-uuid'], hash))).toBe('accepted');
  });

  it.each([
    [
      undefined,
      'NotAuthorizedException: Client client1 is configured for secret but secret was not received',
    ],
    ['AAAA', 'NotAuthorizedException: Unable to verify secret hash for client client1'],
  ])('refuses SECRET_HASH %j', (hash, expected) => {
    expect(message(() => checkSecretHash(client({ ClientSecret: 'shh' }), ['alice'], hash))).toBe(expected);
  });

  it('needs no secret from a client without one', () => {
    expect(message(() => checkSecretHash(client(), ['alice'], undefined))).toBe('accepted');
    expect(message(() => checkClientSecret(client(), undefined))).toBe('accepted');
  });

  it.each([
    ['shh', 'accepted'],
    ['nope', 'NotAuthorizedException: Unable to verify secret hash for client client1'],
    [undefined, 'NotAuthorizedException: Unable to verify secret hash for client client1'],
  ])('checks a raw client secret %j', (secret, expected) => {
    expect(message(() => checkClientSecret(client({ ClientSecret: 'shh' }), secret))).toBe(expected);
  });

  it('refuses writes outside WriteAttributes', () => {
    const c = client({ WriteAttributes: ['name'] });
    expect(message(() => checkWritable(c, ['name']))).toBe('accepted');
    expect(message(() => checkWritable(c, ['email']))).toBe(
      'NotAuthorizedException: A client attempted to write unauthorized attribute',
    );
  });
});
