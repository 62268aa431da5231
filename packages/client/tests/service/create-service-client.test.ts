import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors/client-error.js';
import {
  InvalidClientError,
  InvalidScopeError,
  UnauthorizedClientError,
} from '../../src/oauth/oauth-errors.js';
import { createServiceClient } from '../../src/service/create-service-client.js';
import { type ApiAnswer, fakeApi, json } from '../support/fake-api.js';
import { FakeOAuthServer } from '../support/fake-oauth-server.js';

const API_URL = 'https://api.example.test/prod/';
const STATS = { users: 2, notes: 5 };

describe('createServiceClient', () => {
  const server = new FakeOAuthServer();
  beforeAll(async () => {
    await server.start();
    server.serviceClients.set('svc', { secret: 's3cret', scopes: ['gatehouse-api/stats.read'] });
    server.publicClients.add('public-client');
  });
  afterAll(() => server.stop());

  /** A service client whose API is the fake and whose token endpoint is the real HTTP server. */
  function serviceClient(options: { clientId?: string; scopes?: string[]; answers?: ApiAnswer[] } = {}) {
    let now = Date.parse('2026-11-30T12:00:00Z');
    const api = fakeApi(...(options.answers ?? [json(200, STATS)]));
    const issuedBefore = server.issued;
    const service = createServiceClient({
      apiUrl: API_URL,
      domainUrl: server.domainUrl,
      clientId: options.clientId ?? 'svc',
      clientSecret: 's3cret',
      scopes: options.scopes ?? ['gatehouse-api/stats.read'],
      fetch: (input, init) =>
        String(input).startsWith(API_URL) ? api.fetch(input, init) : globalThis.fetch(input, init),
      now: () => now,
    });
    return {
      service,
      api,
      tokensIssued: () => server.issued - issuedBefore,
      advance: (ms: number) => {
        now += ms;
      },
    };
  }

  const bearerScope = (authorization: string | undefined) =>
    JSON.parse(Buffer.from((authorization ?? '').split('.')[1] ?? '', 'base64url').toString()) as {
      scope: string;
      n: number;
    };

  it('calls a route with a client-credentials access token', async () => {
    const { service, api } = serviceClient();

    expect(await service.admin.stats()).toEqual(STATS);

    const token = server.requests.at(-1);
    expect(token?.authorization).toBe(`Basic ${Buffer.from('svc:s3cret').toString('base64')}`);
    expect(token?.form).toEqual({ grant_type: 'client_credentials', scope: 'gatehouse-api/stats.read' });
    expect(api.requests[0]?.headers.authorization).toMatch(/^Bearer ey/);
    expect(bearerScope(api.requests[0]?.headers.authorization).scope).toBe('gatehouse-api/stats.read');
  });

  it('reuses the token until shortly before it expires, then renews it', async () => {
    const { service, api, tokensIssued, advance } = serviceClient();

    await service.admin.stats();
    advance(3600_000 - 61_000);
    await service.admin.stats();
    expect(tokensIssued()).toBe(1);
    advance(2_000); // now inside the 60-second margin
    await service.admin.stats();

    expect(tokensIssued()).toBe(2);
    const [first, second, third] = api.requests.map((r) => r.headers.authorization);
    expect(second).toBe(first);
    expect(third).not.toBe(first);
  });

  it('shares one token request among concurrent calls', async () => {
    const { service, tokensIssued } = serviceClient();
    const { arrived, release } = server.hold();

    const calls = Array.from({ length: 5 }, () => service.admin.stats());
    await arrived;
    release();

    expect(await Promise.all(calls)).toEqual(Array(5).fill(STATS));
    expect(tokensIssued()).toBe(1);
  });

  it('renews the token once when the API answers 401, and retries', async () => {
    const { service, api, tokensIssued } = serviceClient({
      answers: [json(401, { message: 'Unauthorized' }), json(200, STATS)],
    });

    expect(await service.admin.stats()).toEqual(STATS);

    expect(tokensIssued()).toBe(2);
    expect(api.requests[1]?.headers.authorization).not.toBe(api.requests[0]?.headers.authorization);
  });

  it.each([
    ['a wrong client', { clientId: 'unknown' }, InvalidClientError],
    ['a scope the client lacks', { scopes: ['gatehouse-api/notes.write'] }, InvalidScopeError],
    ['a public client', { clientId: 'public-client' }, UnauthorizedClientError],
  ])('reports %s with the typed OAuth error', async (_, options, ErrorClass) => {
    const { service, api } = serviceClient(options);

    await expect(service.admin.stats()).rejects.toBeInstanceOf(ErrorClass);
    expect(api.requests).toEqual([]);
  });

  it.each([
    [{ clientSecret: '' }, /clientSecret is missing/],
    [{ clientId: '' }, /clientId is missing/],
    [{ domainUrl: 'not a url' }, /domainUrl must be a URL/],
  ])('refuses an incomplete configuration %j', (override, message) => {
    const options = {
      apiUrl: API_URL,
      domainUrl: server.domainUrl,
      clientId: 'svc',
      clientSecret: 's',
      ...override,
    };
    expect(() => createServiceClient(options)).toThrow(ConfigError);
    expect(() => createServiceClient(options)).toThrow(message);
  });
});
