import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  ServerError,
  UnauthorizedError,
  UnexpectedResponseError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../../src/api/api-errors.js';
import {
  InvalidInputError,
  NetworkError,
  NotSignedInError,
  SessionExpiredError,
  TimeoutError,
} from '../../src/errors/client-error.js';
import { type ApiAnswer, envelope, fakeApi, json, NOTE } from '../support/fake-api.js';
import { FakeCognito } from '../support/fake-cognito.js';
import { testClient } from '../support/test-client.js';

async function signedInClient(answers: ApiAnswer[], options: Parameters<typeof testClient>[2] = {}) {
  const cognito = new FakeCognito();
  cognito.addUser('ana@example.com', 'Password-123');
  const api = fakeApi(...answers);
  const client = testClient('fetch', cognito, { ...options, fetch: api.fetch });
  await client.signIn({ username: 'ana@example.com', password: 'Password-123', flow: 'password' });
  return { client, api, cognito };
}

describe('route requests', () => {
  it('sends query fields by name and the access token as a Bearer header', async () => {
    const { client, api } = await signedInClient([json(200, { items: [NOTE], nextCursor: null })]);

    const page = await client.notes.list({ limit: 5, cursor: 'next page' });

    expect(page.items[0]?.title).toBe('Hello');
    expect(api.requests[0]).toMatchObject({
      method: 'GET',
      url: 'https://api.example.test/prod/notes?limit=5&cursor=next+page',
      body: undefined,
    });
    expect(api.requests[0]?.headers.authorization).toMatch(/^Bearer ey[\w-]+\.[\w-]+\.[\w-]+$/);
    // The access token, not the ID token: methods with AuthorizationScopes admit only access tokens.
    const payload = api.requests[0]?.headers.authorization?.split('.')[1] ?? '';
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toMatchObject({
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
    });
  });

  it('puts path parameters in the path and the body as JSON', async () => {
    const { client, api } = await signedInClient([json(200, { ...NOTE, title: 'New', version: 2 })]);

    const note = await client.notes.update({
      noteId: NOTE.noteId,
      body: { title: 'New', expectedVersion: 1 },
    });

    expect(note.version).toBe(2);
    expect(api.requests[0]).toMatchObject({
      method: 'PATCH',
      url: `https://api.example.test/prod/notes/${NOTE.noteId}`,
      body: JSON.stringify({ title: 'New', expectedVersion: 1 }),
      headers: { 'content-type': 'application/json' },
    });
  });

  it('sends declared headers and answers 204 with undefined', async () => {
    const { client, api } = await signedInClient([json(201, NOTE), new Response(null, { status: 204 })]);

    await client.notes.create({ body: { title: 'Hello' }, headers: { 'idempotency-key': 'key-12345678' } });
    const deleted = await client.notes.delete({ noteId: NOTE.noteId });

    expect(api.requests[0]?.headers['idempotency-key']).toBe('key-12345678');
    expect(api.requests[1]?.method).toBe('DELETE');
    expect(deleted).toBeUndefined();
  });

  it('calls public routes without a token, even when signed out', async () => {
    const cognito = new FakeCognito();
    const api = fakeApi(json(200, { status: 'ok', version: '1.0.0' }));
    const client = testClient('fetch', cognito, { fetch: api.fetch });

    expect(await client.system.health()).toEqual({ status: 'ok', version: '1.0.0' });
    expect(api.requests[0]?.headers.authorization).toBeUndefined();
    expect(api.requests[0]?.url).toBe('https://api.example.test/prod/health');
  });

  it('refuses protected routes without a session before calling the API', async () => {
    const api = fakeApi(json(200, {}));
    const client = testClient('fetch', new FakeCognito(), { fetch: api.fetch });

    await expect(client.me.get()).rejects.toBeInstanceOf(NotSignedInError);
    expect(api.requests).toHaveLength(0);
  });

  it('refuses an empty path parameter', async () => {
    const { client, api } = await signedInClient([json(200, NOTE)]);

    await expect(client.notes.get({ noteId: '' })).rejects.toBeInstanceOf(InvalidInputError);
    expect(api.requests).toHaveLength(0);
  });
});

describe('response rule: success parsed, documented errors typed, anything else unexpected', () => {
  it.each([
    {
      status: 400,
      body: envelope('BadRequest', 'Invalid input', [{ path: 'body.title', reason: 'must not be empty' }]),
      error: ValidationError,
    },
    // 403 is documented on every route since routes name their scopes (a token without notes.write).
    { status: 403, body: envelope('Forbidden', 'Not allowed'), error: ForbiddenError },
    { status: 429, body: envelope('TooManyRequests', 'Slow down'), error: UnexpectedResponseError },
    { status: 404, body: envelope('NotFound', 'Note not found'), error: NotFoundError },
    { status: 409, body: envelope('Conflict', 'Version is 3'), error: ConflictError },
    { status: 413, body: envelope('PayloadTooLarge', 'Too large'), error: PayloadTooLargeError },
    { status: 415, body: envelope('UnsupportedMediaType', 'JSON only'), error: UnsupportedMediaTypeError },
    { status: 500, body: envelope('InternalServerError', 'Internal error'), error: ServerError },
    { status: 502, body: { message: 'Internal server error' }, error: UnexpectedResponseError },
    { status: 404, body: { unexpected: true }, error: UnexpectedResponseError },
    { status: 409, body: envelope('NotFound', 'wrong type for the status'), error: UnexpectedResponseError },
    { status: 200, body: { ...NOTE, version: 0 }, error: UnexpectedResponseError },
  ])('PATCH /notes/{noteId} answering $status → $error.name', async ({ status, body, error }) => {
    const { client } = await signedInClient([json(status, body)]);

    const thrown = await client.notes
      .update({ noteId: NOTE.noteId, body: { title: 'x', expectedVersion: 1 } })
      .catch((e: unknown) => e);

    expect(thrown).toBeInstanceOf(error);
    expect(thrown).toMatchObject({ status });
  });

  it('carries the envelope: message, request id and field details', async () => {
    const details = [{ path: 'body.title', reason: 'must not be empty' }];
    const { client } = await signedInClient([json(400, envelope('BadRequest', 'Invalid input', details))]);

    const error = await client.notes.create({ body: { title: '' } }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      code: 'VALIDATION',
      message: 'Invalid input',
      requestId: 'req-1',
      details,
    });
  });

  it('reports a body that is not JSON as unexpected', async () => {
    const { client } = await signedInClient([new Response('<html>oops</html>', { status: 200 })]);

    await expect(client.me.get()).rejects.toMatchObject({ name: 'UnexpectedResponseError', status: 200 });
  });

  it('maps 403 to ForbiddenError on a route that documents it', async () => {
    const { client } = await signedInClient([json(403, envelope('Forbidden', 'Admins only'))]);

    await expect(client.admin.stats()).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('401 from the API', () => {
  it('refreshes the session and retries once', async () => {
    const { client, api, cognito } = await signedInClient([
      json(401, { message: 'The incoming token has expired' }),
      json(200, { items: [], nextCursor: null }),
    ]);

    expect(await client.notes.list()).toEqual({ items: [], nextCursor: null });

    expect(api.requests).toHaveLength(2);
    expect(api.requests[1]?.headers.authorization).not.toBe(api.requests[0]?.headers.authorization);
    expect(cognito.count('InitiateAuth')).toBe(2);
  });

  it('gives up with UnauthorizedError after the one retry', async () => {
    const { client, api, cognito } = await signedInClient([json(401, { message: 'Unauthorized' })]);

    const error = await client.notes.list().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error).toMatchObject({ status: 401, message: 'Unauthorized', requestId: undefined });
    expect(api.requests).toHaveLength(2);
    expect(cognito.count('InitiateAuth')).toBe(2);
  });

  it('throws SessionExpiredError and signs out when the refresh token was revoked', async () => {
    const { client, api, cognito } = await signedInClient([json(401, { message: 'Unauthorized' })]);
    for (const token of cognito.refreshTokens.keys()) cognito.revokedRefreshTokens.add(token);

    await expect(client.notes.list()).rejects.toBeInstanceOf(SessionExpiredError);

    expect(api.requests).toHaveLength(1);
    expect(await client.getCurrentUser()).toBeNull();
  });

  it('never puts a token in an error message', async () => {
    const { client, api } = await signedInClient([json(401, { message: 'Unauthorized' })]);

    const error = (await client.notes.list().catch((e: unknown) => e)) as Error;

    const token = api.requests[0]?.headers.authorization?.slice('Bearer '.length) ?? '';
    expect(token.length).toBeGreaterThan(20);
    expect(`${error.message} ${String(error.stack)}`).not.toContain(token);
  });
});

describe('retries, cancellation and timeouts', () => {
  const retry = { attempts: 2, baseDelayMs: 1, maxDelayMs: 5 };

  it('retries an idempotent request after a network error and a 5xx', async () => {
    const { client, api } = await signedInClient(
      [
        new TypeError('fetch failed'),
        json(503, { message: 'Service Unavailable' }),
        json(200, { items: [], nextCursor: null }),
      ],
      { retry },
    );

    expect(await client.notes.list()).toEqual({ items: [], nextCursor: null });
    expect(api.requests).toHaveLength(3);
  });

  it('stops after the cap and reports the last failure', async () => {
    const { client, api } = await signedInClient([new TypeError('fetch failed')], { retry });

    await expect(client.notes.list()).rejects.toBeInstanceOf(NetworkError);
    expect(api.requests).toHaveLength(3);
  });

  it.each([
    { case: 'a POST without an idempotency key', headers: undefined, requests: 1 },
    { case: 'a POST with an idempotency key', headers: { 'idempotency-key': 'key-12345678' }, requests: 3 },
  ])('retries $case only when it is idempotent', async ({ headers, requests }) => {
    const { client, api } = await signedInClient([new TypeError('fetch failed')], { retry });

    await expect(
      client.notes.create({ body: { title: 't' }, ...(headers ? { headers } : {}) }),
    ).rejects.toBeInstanceOf(NetworkError);
    expect(api.requests).toHaveLength(requests);
  });

  it('does not retry when retries are off (the default)', async () => {
    const { client, api } = await signedInClient([json(503, { message: 'Service Unavailable' })]);

    await expect(client.notes.list()).rejects.toMatchObject({ name: 'UnexpectedResponseError', status: 503 });
    expect(api.requests).toHaveLength(1);
  });

  const hang: ApiAnswer = (_request, signal) =>
    new Promise((_resolve, reject) => {
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
    });

  it('rejects with the signal’s reason when the caller aborts', async () => {
    const controller = new AbortController();
    // The caller aborts once the request is in flight: on its arrival, not after a guessed delay.
    const abortOnArrival: ApiAnswer = (request, signal) => {
      const answer = hang(request, signal);
      controller.abort(new Error('user left the page'));
      return answer;
    };
    const { client } = await signedInClient([abortOnArrival]);

    const call = client.notes.list({}, { signal: controller.signal });

    await expect(call).rejects.toThrow('user left the page');
  });

  // timeoutMs runs on AbortSignal.timeout, which fake timers cannot drive. The answer never comes, so the
  // outcome does not depend on the machine's speed, only the (short) wait does.
  it('rejects with TimeoutError after timeoutMs', async () => {
    const { client } = await signedInClient([hang], { timeoutMs: 10 });

    await expect(client.notes.list()).rejects.toBeInstanceOf(TimeoutError);
  });
});

describe('timeouts while the body is read', () => {
  // Real time, as above: AbortSignal.timeout cannot be faked, and the body never completes, so the outcome does
  // not depend on the machine's speed.
  it('reports TimeoutError when the body stalls after the headers arrived', async () => {
    const stalled = () =>
      Promise.resolve(
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"items":['));
            },
          }),
          { status: 200 },
        ),
      );
    const cognito = new FakeCognito();
    cognito.addUser('ana@example.com', 'Password-123');
    const api = fakeApi(stalled);
    const client = testClient('fetch', cognito, { fetch: api.fetch, timeoutMs: 20 });
    await client.signIn({ username: 'ana@example.com', password: 'Password-123', flow: 'password' });

    await expect(client.notes.list()).rejects.toBeInstanceOf(TimeoutError);
  });
});
