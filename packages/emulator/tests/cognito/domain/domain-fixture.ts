import { CognitoException } from '../../../src/cognito/cognito-error.js';
import { CognitoOutbox } from '../../../src/cognito/cognito-outbox.js';
import { CognitoStore } from '../../../src/cognito/cognito-store.js';
import type { UserPool, UserPoolClient, UserRecord } from '../../../src/cognito/cognito-types.js';
import { newUserRecord } from '../../../src/cognito/domain/new-user.js';
import { DEFAULT_PASSWORD_POLICY } from '../../../src/cognito/password-policy.js';
import { buildSchema } from '../../../src/cognito/pool-schema.js';
import { createServices, type Services } from '../../../src/cognito/services.js';
import { generateSigningKey } from '../../../src/cognito/signing-keys.js';
import { silentLogger } from '../../../src/logger.js';

/** Domain services over an in-memory store, with a clock the test moves. */
export interface DomainFixture {
  services: Services;
  outbox: CognitoOutbox;
  clock: { now: number };
  close(): void;
}

export function openDomain(): DomainFixture {
  const store = new CognitoStore(':memory:');
  const outbox = new CognitoOutbox();
  const clock = { now: Date.UTC(2026, 0, 1) };
  const services = createServices(
    store,
    {
      region: 'us-east-1',
      accountId: '000000000000',
      issuer: 'aws',
      log: silentLogger,
      now: () => clock.now,
    },
    outbox,
  );
  return { services, outbox, clock, close: () => store.close() };
}

/** A pool record (with fresh signing keys) inserted through the pool directory. */
export async function addPool(services: Services, overrides: Partial<UserPool> = {}): Promise<UserPool> {
  const id = `us-east-1_${Math.random().toString(36).slice(2, 11)}`;
  const pool: UserPool = {
    Id: id,
    Name: 'test',
    Arn: services.pools.poolArn(id),
    Policies: { PasswordPolicy: DEFAULT_PASSWORD_POLICY },
    LambdaConfig: {},
    SchemaAttributes: buildSchema(undefined),
    AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
    MfaConfiguration: 'OFF',
    DeletionProtection: 'INACTIVE',
    UserPoolTags: {},
    CreationDate: 0,
    LastModifiedDate: 0,
    Passthrough: {},
    FakeSaltKey: '00'.repeat(32),
    ...overrides,
  };
  services.pools.insertPool(
    pool,
    await Promise.all([generateSigningKey('id'), generateSigningKey('access')]),
  );
  return pool;
}

/** An app client of `pool`, inserted through the pool directory. */
export function addClient(
  services: Services,
  pool: UserPool,
  overrides: Partial<UserPoolClient> = {},
): UserPoolClient {
  const client: UserPoolClient = {
    UserPoolId: pool.Id,
    ClientName: 'app',
    ClientId: `client${Math.random().toString(36).slice(2, 12)}`,
    RefreshTokenValidity: 30,
    PreventUserExistenceErrors: 'LEGACY',
    EnableTokenRevocation: true,
    AuthSessionValidity: 3,
    CreationDate: 0,
    LastModifiedDate: 0,
    Passthrough: {},
    ...overrides,
  };
  services.pools.insertClient(client);
  return client;
}

/** A confirmed user inserted through the user directory. */
export function addUser(
  services: Services,
  pool: UserPool,
  username: string,
  attributes: Record<string, string> = {},
): UserRecord {
  const user = newUserRecord(pool, services.config.now(), {
    username,
    sub: `sub-${username}`,
    status: 'CONFIRMED',
    attributes,
  });
  services.users.insert(pool, user);
  return user;
}

/** What a domain call answers: `accepted`, or the Cognito exception it throws as `Name: message`. */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof CognitoException) return `${err.name}: ${err.message}`;
    throw err;
  }
  return 'accepted';
}

/** What an async domain call answers: `accepted`, or the Cognito exception it rejects with as `Name: message`. */
export async function rejectionOf(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof CognitoException) return `${err.name}: ${err.message}`;
    throw err;
  }
  return 'accepted';
}
