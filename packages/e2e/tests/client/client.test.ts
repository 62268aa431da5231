import {
  AdminCreateUserCommand,
  InitiateAuthCommand,
  NotAuthorizedException,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  CodeMismatchError,
  ConflictError,
  configFromOutputs,
  createClient,
  ForbiddenError,
  type GatehouseClient,
  memoryStorage,
  NotAuthorizedError,
  NotFoundError,
  NotSignedInError,
  readLocalStackConfig,
  type SessionChange,
  SessionExpiredError,
  type SessionStorage,
  UserNotConfirmedError,
  ValidationError,
} from '@org/client';
import { createClient as createBrowserClient } from '@org/client/browser';
import { ADMIN_GROUP } from '@org/contracts';
import { describe, expect, it } from 'vitest';
import { addToGroup, TEST_PASSWORD, uniqueEmail, useLocalStack } from '../support/local-stack.js';

const env = useLocalStack();

const STORAGE_KEY = 'session';
const HOUR = 3_600_000;

interface StoredSession {
  accessToken: string;
  refreshToken: string;
}

/** A client of the running stack, built the way an app builds it: from outputs.json + endpoints.json. */
function clientOf(
  entry: 'node' | 'browser',
  options: { storage?: SessionStorage; now?: () => number } = {},
): GatehouseClient {
  const config = configFromOutputs(env().stack.outputs, { endpoints: env().stack.endpoints });
  const create = entry === 'node' ? createClient : createBrowserClient;
  return create(config, { storageKey: STORAGE_KEY, ...options });
}

async function stored(storage: SessionStorage): Promise<StoredSession> {
  return JSON.parse(String(await storage.getItem(STORAGE_KEY))) as StoredSession;
}

/** Signs up through the client and confirms with the code the local Cognito put in its outbox. */
async function signUpConfirmed(client: GatehouseClient, email = uniqueEmail('client')) {
  const { userSub, userConfirmed } = await client.signUp({
    email,
    password: TEST_PASSWORD,
    attributes: { name: 'Ana' },
  });
  expect(userConfirmed).toBe(false);
  const code = env().stack.cognito.outbox.latest(env().outputs.UserPoolId, userSub)?.code;
  expect(code).toMatch(/^\d{6}$/);
  await client.confirmSignUp({ username: email, code: String(code) });
  return { email, sub: userSub };
}

describe.each(['node', 'browser'] as const)('@org/client (%s entry) against the local stack', (entry) => {
  it('reads its config from the state directory the stack wrote', async () => {
    const config = await readLocalStackConfig(env().stateDir);
    expect(config).toEqual(configFromOutputs(env().stack.outputs, { endpoints: env().stack.endpoints }));
    expect(config.cognitoEndpoint).toBe(env().stack.endpoints.cognito);
  });

  it('signs up, confirms with the outbox code and signs in with SRP and with the password flow', async () => {
    const client = clientOf(entry);
    const email = uniqueEmail('client');
    await client.signUp({ email, password: TEST_PASSWORD });
    await expect(client.signIn({ username: email, password: TEST_PASSWORD })).rejects.toBeInstanceOf(
      UserNotConfirmedError,
    );
    const first = env().stack.cognito.outbox.list({ userPoolId: env().outputs.UserPoolId }).at(-1);
    expect(await client.resendConfirmationCode({ username: email })).toMatchObject({ medium: 'EMAIL' });
    const resent = env().stack.cognito.outbox.latest(env().outputs.UserPoolId, String(first?.username));
    expect(resent?.kind).toBe('ResendConfirmationCode');
    await client.confirmSignUp({ username: email, code: String(resent?.code) });

    const srp = await client.signIn({ username: email, password: TEST_PASSWORD });
    expect(srp).toMatchObject({ status: 'signed-in', user: { email } });
    await expect(client.signIn({ username: email, password: `${TEST_PASSWORD}x` })).rejects.toBeInstanceOf(
      NotAuthorizedError,
    );
    const password = await client.signIn({ username: email, password: TEST_PASSWORD, flow: 'password' });
    expect(password).toMatchObject({ status: 'signed-in', user: { email } });
  });

  it('calls every notes route with typed results and typed errors', async () => {
    const client = clientOf(entry);
    const { email, sub } = await signUpConfirmed(client);
    await client.signIn({ username: email, password: TEST_PASSWORD });

    expect(await client.system.health()).toMatchObject({ status: 'ok' });
    expect(await client.me.get()).toMatchObject({ sub, email, groups: [], role: 'member' });

    const created = await client.notes.create({ body: { title: 'First', tags: ['a'] } });
    expect(created).toMatchObject({ title: 'First', body: '', tags: ['a'], version: 1 });
    expect(await client.notes.get({ noteId: created.noteId })).toEqual(created);
    const second = await client.notes.create({
      body: { title: 'Second' },
      headers: { 'idempotency-key': `key-${created.noteId}` },
    });

    const page = await client.notes.list({ limit: 1 });
    expect(page.items.map((n) => n.noteId)).toEqual([second.noteId]);
    expect(page.nextCursor).toEqual(expect.any(String));
    const next = await client.notes.list({ limit: 1, cursor: String(page.nextCursor) });
    expect(next.items.map((n) => n.noteId)).toEqual([created.noteId]);

    const updated = await client.notes.update({
      noteId: created.noteId,
      body: { title: 'Renamed', expectedVersion: 1 },
    });
    expect(updated).toMatchObject({ title: 'Renamed', version: 2 });
    await expect(
      client.notes.update({ noteId: created.noteId, body: { title: 'Stale', expectedVersion: 1 } }),
    ).rejects.toBeInstanceOf(ConflictError);

    const invalid = await client.notes.create({ body: { title: '' } }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(ValidationError);
    expect((invalid as ValidationError).details.map((d) => d.path)).toContain('body.title');

    await expect(client.admin.stats()).rejects.toBeInstanceOf(ForbiddenError);

    expect(await client.notes.delete({ noteId: created.noteId })).toBeUndefined();
    await expect(client.notes.get({ noteId: created.noteId })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refreshes an expiring session transparently, and retries once with fresh tokens after a 401', async () => {
    let shift = 0;
    const storage = memoryStorage();
    const client = clientOf(entry, { storage, now: () => Date.now() + shift });
    const { email } = await signUpConfirmed(client);
    await client.signIn({ username: email, password: TEST_PASSWORD });
    const changes: SessionChange['type'][] = [];
    client.onSessionChange((change) => changes.push(change.type));
    const first = await stored(storage);

    // The device believes an hour has passed: the access token is about to expire, so it is refreshed first.
    shift = HOUR;
    expect((await client.notes.list()).items).toEqual([]);
    const refreshed = await stored(storage);
    expect(refreshed.accessToken).not.toBe(first.accessToken);
    expect(refreshed.refreshToken).toBe(first.refreshToken);
    expect(changes).toEqual(['refreshed']);

    // A token the gateway refuses (here: one with a broken signature) → one refresh and one retry.
    const [header, payload] = refreshed.accessToken.split('.');
    await storage.setItem(
      STORAGE_KEY,
      JSON.stringify({ ...refreshed, accessToken: `${header}.${payload}.AAAA` }),
    );
    const again = clientOf(entry, { storage, now: () => Date.now() + shift });
    expect(await again.me.get()).toMatchObject({ email });
    expect((await stored(storage)).accessToken).not.toContain('.AAAA');
  });

  it.each([
    { kind: 'revokes the refresh token', global: false },
    { kind: 'signs out everywhere', global: true },
  ])(
    'signOut $kind: the old refresh token is refused and protected calls fail with typed errors',
    async ({ global }) => {
      const storage = memoryStorage();
      const client = clientOf(entry, { storage });
      const { email } = await signUpConfirmed(client);
      await client.signIn({ username: email, password: TEST_PASSWORD });
      const old = await stored(storage);
      const changes: SessionChange[] = [];
      client.onSessionChange((change) => changes.push(change));

      await client.signOut({ global });

      expect(changes).toEqual([{ type: 'signed-out', user: null, reason: 'sign-out' }]);
      expect(await client.getCurrentUser()).toBeNull();
      await expect(client.notes.list()).rejects.toBeInstanceOf(NotSignedInError);
      const refused = await env()
        .cognito.send(
          new InitiateAuthCommand({
            AuthFlow: 'REFRESH_TOKEN_AUTH',
            ClientId: env().outputs.UserPoolClientId,
            AuthParameters: { REFRESH_TOKEN: old.refreshToken },
          }),
        )
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(NotAuthorizedException);

      // A second device still holding the old session: its refresh is refused, so it is signed out.
      const otherStorage = memoryStorage();
      await otherStorage.setItem(STORAGE_KEY, JSON.stringify(old));
      const other = clientOf(entry, { storage: otherStorage, now: () => Date.now() + HOUR });
      const otherChanges: SessionChange[] = [];
      other.onSessionChange((change) => otherChanges.push(change));
      await expect(other.notes.list()).rejects.toBeInstanceOf(SessionExpiredError);
      expect(otherChanges).toEqual([{ type: 'signed-out', user: null, reason: 'session-expired' }]);
      await expect(other.notes.list()).rejects.toBeInstanceOf(NotSignedInError);
    },
  );
});

describe('@org/client account flows against the local stack', () => {
  it('resets a forgotten password with the emailed code and changes it when signed in', async () => {
    const client = clientOf('node');
    const { email, sub } = await signUpConfirmed(client);

    expect(await client.forgotPassword({ username: email })).toMatchObject({
      medium: 'EMAIL',
      attributeName: 'email',
    });
    await expect(
      client.confirmForgotPassword({ username: email, code: '000000', newPassword: `${TEST_PASSWORD}-new` }),
    ).rejects.toBeInstanceOf(CodeMismatchError);
    const code = env().stack.cognito.outbox.latest(env().outputs.UserPoolId, sub)?.code;
    await client.confirmForgotPassword({
      username: email,
      code: String(code),
      newPassword: `${TEST_PASSWORD}-new`,
    });
    await client.signIn({ username: email, password: `${TEST_PASSWORD}-new` });

    await client.changePassword({
      oldPassword: `${TEST_PASSWORD}-new`,
      newPassword: `${TEST_PASSWORD}-newer`,
    });
    await client.signOut();
    await expect(client.signIn({ username: email, password: `${TEST_PASSWORD}-new` })).rejects.toBeInstanceOf(
      NotAuthorizedError,
    );
    expect((await client.signIn({ username: email, password: `${TEST_PASSWORD}-newer` })).status).toBe(
      'signed-in',
    );
  });

  it('completes the NEW_PASSWORD_REQUIRED challenge of a user an administrator created', async () => {
    const client = clientOf('browser');
    const email = uniqueEmail('invited');
    await env().cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: env().outputs.UserPoolId,
        Username: email,
        TemporaryPassword: 'Temporary-password-1',
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    );

    const first = await client.signIn({ username: email, password: 'Temporary-password-1' });
    expect(first.status).toBe('new-password-required');
    const second = await client.completeNewPassword({ newPassword: TEST_PASSWORD });

    expect(second).toMatchObject({ status: 'signed-in', user: { email } });
    expect(await client.me.get()).toMatchObject({ email });
  });

  it('sees the admin group in the ID token and may then call the admin route', async () => {
    const client = clientOf('node');
    const { email } = await signUpConfirmed(client);
    await addToGroup(env(), { email }, ADMIN_GROUP);

    await client.signIn({ username: email, password: TEST_PASSWORD });

    expect((await client.getCurrentUser())?.groups).toEqual([ADMIN_GROUP]);
    expect(await client.admin.stats()).toEqual({ users: expect.any(Number), notes: expect.any(Number) });
  });
});
