import {
  ADMIN_GROUP,
  ErrorResponses,
  HealthSchema,
  NotePageSchema,
  NoteSchema,
  ProfileSchema,
  StatsSchema,
} from '@org/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  callApi,
  newSignedInUser,
  type TestTokens,
  type TestUser,
  useLocalStack,
} from './support/local-stack.js';

// The synthesized app on the local stack: every route with a real user's access token.
const env = useLocalStack();

let alice: TestUser & { tokens: TestTokens };
let bob: TestUser & { tokens: TestTokens };
let admin: TestUser & { tokens: TestTokens };

beforeAll(async () => {
  alice = await newSignedInUser(env(), { name: 'Alice Liddell' });
  bob = await newSignedInUser(env());
  admin = await newSignedInUser(env(), { groups: [ADMIN_GROUP] });
});

describe('public and profile routes', () => {
  it('answers GET /health without a token', async () => {
    const res = await callApi(env(), 'health');
    expect(res.status).toBe(200);
    expect(HealthSchema.parse(res.json()).status).toBe('ok');
  });

  it('returns the caller from the verified access token, with the trigger claims', async () => {
    const res = await callApi(env(), 'me', { token: alice.tokens.accessToken });
    expect(res.status).toBe(200);
    const profile = ProfileSchema.parse(res.json());
    expect(profile).toMatchObject({
      sub: alice.sub,
      email: alice.email,
      groups: [],
      // Added by the pre-token-generation trigger from the `name` attribute.
      displayName: 'Alice Liddell',
      role: 'member',
    });
  });

  it('shows the admin group and role for an admin', async () => {
    const res = await callApi(env(), 'me', { token: admin.tokens.accessToken });
    expect(ProfileSchema.parse(res.json())).toMatchObject({ groups: [ADMIN_GROUP], role: 'admin' });
  });
});

describe('notes', () => {
  it('creates, reads, lists, updates and deletes a note', async () => {
    const token = alice.tokens.accessToken;
    const created = await callApi(env(), 'notes', {
      method: 'POST',
      token,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'First', body: 'hello', tags: ['a'] }),
    });
    expect(created.status).toBe(201);
    const note = NoteSchema.parse(created.json());
    expect(note).toMatchObject({ title: 'First', body: 'hello', tags: ['a'], version: 1 });

    const read = await callApi(env(), `notes/${note.noteId}`, { token });
    expect(read.status).toBe(200);
    expect(NoteSchema.parse(read.json())).toEqual(note);

    const list = await callApi(env(), 'notes?limit=10', { token });
    expect(list.status).toBe(200);
    expect(NotePageSchema.parse(list.json()).items.map((n) => n.noteId)).toContain(note.noteId);

    const updated = await callApi(env(), `notes/${note.noteId}`, {
      method: 'PATCH',
      token,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'Renamed', expectedVersion: 1 }),
    });
    expect(updated.status).toBe(200);
    expect(NoteSchema.parse(updated.json())).toMatchObject({ title: 'Renamed', version: 2 });

    const deleted = await callApi(env(), `notes/${note.noteId}`, { method: 'DELETE', token });
    expect(deleted.status).toBe(204);
    expect((await callApi(env(), `notes/${note.noteId}`, { token })).status).toBe(404);
  });

  it("answers 404 for another user's note, and does not list it", async () => {
    const created = await callApi(env(), 'notes', {
      method: 'POST',
      token: alice.tokens.accessToken,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'Private' }),
    });
    const note = NoteSchema.parse(created.json());
    const res = await callApi(env(), `notes/${note.noteId}`, { token: bob.tokens.accessToken });
    expect(res.status).toBe(404);
    expect(ErrorResponses[404].parse(res.json()).error).toBe('NotFound');
    const bobs = NotePageSchema.parse(
      (await callApi(env(), 'notes', { token: bob.tokens.accessToken })).json(),
    );
    expect(bobs.items.map((n) => n.noteId)).not.toContain(note.noteId);
  });

  it('names the invalid field of a bad request (the Lambda validates, the gateway passes it on)', async () => {
    const res = await callApi(env(), 'notes?limit=1000', { token: alice.tokens.accessToken });
    expect(res.status).toBe(400);
    const body = ErrorResponses[400].parse(res.json());
    expect(body.details?.map((d) => d.path)).toContain('query.limit');
  });
});

describe('admin', () => {
  it('refuses /admin/stats to a member with 403', async () => {
    const res = await callApi(env(), 'admin/stats', { token: bob.tokens.accessToken });
    expect(res.status).toBe(403);
    expect(ErrorResponses[403].parse(res.json()).error).toBe('Forbidden');
  });

  it('answers /admin/stats to an admin', async () => {
    const res = await callApi(env(), 'admin/stats', { token: admin.tokens.accessToken });
    expect(res.status).toBe(200);
    const stats = StatsSchema.parse(res.json());
    expect(stats.notes).toBeGreaterThanOrEqual(1);
    expect(stats.users).toBeGreaterThanOrEqual(1);
  });
});

describe('the gateway in front of the app', () => {
  it.each([
    ['GET', 'nothing-here'],
    ['PUT', 'notes'],
    ['GET', 'admin'],
  ])('answers %s /%s with 403 Missing Authentication Token', async (method, path) => {
    const res = await callApi(env(), path, { method, token: alice.tokens.accessToken });
    expect(res.status).toBe(403);
    expect(res.text).toBe('{"message":"Missing Authentication Token"}');
    // The app's DEFAULT_4XX gateway response adds CORS headers to the gateway's own errors.
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers the CORS preflight from the MOCK integration', async () => {
    const res = await callApi(env(), 'notes', {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toContain('Authorization');
  });
});
