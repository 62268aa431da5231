import { randomUUID } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminConfirmSignUpCommand,
  AdminDeleteUserCommand,
  InitiateAuthCommand,
  NotAuthorizedException,
  ResourceNotFoundException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  ConflictError,
  createClient,
  ForbiddenError,
  type GatehouseClient,
  memoryStorage,
  NotFoundError,
  NotSignedInError,
  type SessionChange,
  type SessionStorage,
} from '@org/client';
import { ADMIN_GROUP } from '@org/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { adminCognitoClient, DEPLOYED_EMAIL_PREFIX, readDeployedTarget } from './support/deployed-target.js';
import { RouteCoverage } from './support/route-coverage.js';

// The client-driven e2e flows against whatever stack the outputs file describes: a stack deployed with
// `cdk deploy --outputs-file`, or the local stack's outputs.json. The flows are the same for both; only the
// files given to `npm run test:deployed` differ.

const target = readDeployedTarget(process.env);
const admin = adminCognitoClient(target);
const coverage = new RouteCoverage(target.config.apiUrl);

const run = randomUUID().slice(0, 8);
const PASSWORD = `Deployed-${randomUUID()}`;
const STORAGE_KEY = 'session';
const HOUR = 3_600_000;

/** Usernames (emails) to delete afterwards, recorded before sign-up so that half-made users go too. */
const created: string[] = [];

afterAll(async () => {
  const failures: string[] = [];
  for (const username of created) {
    try {
      await admin.send(
        new AdminDeleteUserCommand({ UserPoolId: target.config.userPoolId, Username: username }),
      );
    } catch (error) {
      // Sign-up may have failed before the user existed.
      if (!(error instanceof UserNotFoundException))
        failures.push(`${username}: ${(error as Error).message}`);
    }
  }
  admin.destroy();
  if (failures.length > 0) throw new Error(`Could not delete test users: ${failures.join('; ')}`);
});

function newClient(options: { storage?: SessionStorage; now?: () => number } = {}): GatehouseClient {
  return createClient(target.config, { storageKey: STORAGE_KEY, fetch: coverage.fetch, ...options });
}

async function storedSession(
  storage: SessionStorage,
): Promise<{ accessToken: string; refreshToken: string }> {
  return JSON.parse(String(await storage.getItem(STORAGE_KEY)));
}

let counter = 0;

/** Signs a user up through the client and confirms it with `AdminConfirmSignUp` (no email is read). */
async function signUpConfirmed(client: GatehouseClient): Promise<{ email: string; sub: string }> {
  counter += 1;
  const email = `${DEPLOYED_EMAIL_PREFIX}${run}-${counter}@${target.emailDomain}`;
  created.push(email);
  const { userSub, userConfirmed } = await client.signUp({
    email,
    password: PASSWORD,
    attributes: { name: 'Deployed suite' },
  });
  expect(userConfirmed).toBe(false);
  await admin.send(new AdminConfirmSignUpCommand({ UserPoolId: target.config.userPoolId, Username: email }));
  return { email, sub: userSub };
}

/** A confirmed user signed in on a client of its own. */
async function signedInUser(options: { storage?: SessionStorage; now?: () => number } = {}) {
  const client = newClient(options);
  const user = await signUpConfirmed(client);
  await client.signIn({ username: user.email, password: PASSWORD });
  return { client, ...user };
}

describe('the stack in the outputs file', () => {
  it('answers GET /health without a session', async () => {
    expect(await newClient().system.health()).toEqual({ status: 'ok', version: expect.any(String) });
  });

  it('signs up a user, confirms it with AdminConfirmSignUp and signs it in with SRP', async () => {
    const client = newClient();
    const { email, sub } = await signUpConfirmed(client);

    const result = await client.signIn({ username: email, password: PASSWORD });

    expect(result).toMatchObject({ status: 'signed-in', user: { email, sub } });
    expect(await client.me.get()).toMatchObject({ sub, email, groups: [] });
  });

  it('creates, lists, reads, updates and deletes notes, and answers 404 once one is gone', async () => {
    const { client } = await signedInUser();

    const first = await client.notes.create({ body: { title: 'First', tags: ['deployed'] } });
    expect(first).toMatchObject({ title: 'First', tags: ['deployed'], version: 1 });
    const second = await client.notes.create({
      body: { title: 'Second' },
      headers: { 'idempotency-key': `deployed-${run}-${first.noteId}` },
    });
    expect(await client.notes.get({ noteId: first.noteId })).toEqual(first);

    const page = await client.notes.list({ limit: 1 });
    expect(page.items.map((n) => n.noteId)).toEqual([second.noteId]);
    const rest = await client.notes.list({ limit: 1, cursor: String(page.nextCursor) });
    expect(rest.items.map((n) => n.noteId)).toEqual([first.noteId]);

    const updated = await client.notes.update({
      noteId: first.noteId,
      body: { title: 'Renamed', expectedVersion: 1 },
    });
    expect(updated).toMatchObject({ title: 'Renamed', version: 2 });
    await expect(
      client.notes.update({ noteId: first.noteId, body: { title: 'Stale', expectedVersion: 1 } }),
    ).rejects.toBeInstanceOf(ConflictError);

    for (const note of [first, second])
      expect(await client.notes.delete({ noteId: note.noteId })).toBeUndefined();
    await expect(client.notes.get({ noteId: first.noteId })).rejects.toBeInstanceOf(NotFoundError);
    expect((await client.notes.list()).items).toEqual([]);
  });

  it(`refuses GET /admin/stats with 403 outside the ${ADMIN_GROUP} group and serves it to its members`, async () => {
    const { client, email } = await signedInUser();
    await expect(client.admin.stats()).rejects.toBeInstanceOf(ForbiddenError);

    try {
      await admin.send(
        new AdminAddUserToGroupCommand({
          UserPoolId: target.config.userPoolId,
          Username: email,
          GroupName: ADMIN_GROUP,
        }),
      );
    } catch (error) {
      // A stack without the contract's admin group can only refuse the route, which was checked above.
      if (error instanceof ResourceNotFoundException) return;
      throw error;
    }
    // Groups are read from the tokens, so the membership shows from the next sign-in on.
    await client.signIn({ username: email, password: PASSWORD });
    expect((await client.getCurrentUser())?.groups).toEqual([ADMIN_GROUP]);
    expect(await client.admin.stats()).toEqual({ users: expect.any(Number), notes: expect.any(Number) });
  });

  it('refreshes the tokens before the access token expires and keeps the session', async () => {
    let shift = 0;
    const storage = memoryStorage();
    const { client, email } = await signedInUser({ storage, now: () => Date.now() + shift });
    const before = await storedSession(storage);
    const changes: SessionChange['type'][] = [];
    client.onSessionChange((change) => changes.push(change.type));

    // The device believes an hour has passed: the access token is about to expire, so it is refreshed first.
    shift = HOUR;
    expect(await client.me.get()).toMatchObject({ email });

    expect(changes).toEqual(['refreshed']);
    expect((await storedSession(storage)).accessToken).not.toBe(before.accessToken);
  });

  it('signs out: the refresh token is revoked and protected calls need a new sign-in', async () => {
    const storage = memoryStorage();
    const { client } = await signedInUser({ storage });
    const { refreshToken } = await storedSession(storage);

    await client.signOut();

    expect(await client.getCurrentUser()).toBeNull();
    await expect(client.notes.list()).rejects.toBeInstanceOf(NotSignedInError);
    const refresh = admin.send(
      new InitiateAuthCommand({
        ClientId: target.config.clientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: refreshToken },
      }),
    );
    await expect(refresh).rejects.toBeInstanceOf(NotAuthorizedException);
  });

  // Last: the flows above between them call every route of the contract.
  it('has called every route of the contract', () => {
    expect(coverage.missing()).toEqual([]);
  });
});
