import {
  CognitoIdentityProviderClient,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { startCognitoServer } from '../../src/cognito/index.js';
import { createMemoryLogger } from '../../src/logger.js';
import { createPoolAndClient, type Harness, rawCall, usePoolHarness } from './cognito-test-harness.js';
import { wellFormedSigV4 } from './sigv4-test-headers.js';

describe('the Cognito HTTP server', () => {
  let h: Harness;
  let poolId: string;
  let clientId: string;
  usePoolHarness((t) => {
    ({ h, poolId, clientId } = t);
  });

  it('listens on 127.0.0.1', () => {
    expect(h.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers an AWS error with status 400, __type, message, x-amzn-ErrorType and a request id', async () => {
    const res = await rawCall(
      h,
      'InitiateAuth',
      JSON.stringify({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'nobody', PASSWORD: 'x' },
      }),
    );
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ __type: 'UserNotFoundException', message: 'User does not exist.' });
    expect(res.headers.get('x-amzn-errortype')).toBe('UserNotFoundException:');
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
  });

  it.each([
    ['malformed JSON', 'SignUp', '{"ClientId":', 'SerializationException', /not valid JSON/],
    ['a JSON array', 'SignUp', '[]', 'SerializationException', /JSON object/],
    ['an unknown operation', 'FlyToTheMoon', '{}', 'UnknownOperationException', /FlyToTheMoon/],
    ['no X-Amz-Target', undefined, '{}', 'UnknownOperationException', /X-Amz-Target/],
    [
      'a missing required field',
      'SignUp',
      '{"Username":"a","Password":"Passw0rd!"}',
      'InvalidParameterException',
      /Value null at 'clientId' failed to satisfy constraint: Member must not be null/,
    ],
    [
      'a wrong type',
      'SignUp',
      '{"ClientId":"abc","Username":5,"Password":"x"}',
      'SerializationException',
      /'username'/,
    ],
    [
      'an out-of-range value',
      'ListUserPools',
      '{"MaxResults":61}',
      'InvalidParameterException',
      /'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60/,
    ],
    [
      'a bad enum value',
      'InitiateAuth',
      '{"ClientId":"abc","AuthFlow":"MAGIC"}',
      'InvalidParameterException',
      /'authFlow' failed to satisfy constraint: Member must satisfy enum value set/,
    ],
    [
      'a pattern violation',
      'SignUp',
      '{"ClientId":"a b","Username":"u","Password":"Passw0rd!"}',
      'InvalidParameterException',
      /'clientId' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    ],
    [
      'a too-long value',
      'SignUp',
      `{"ClientId":"abc","Username":"${'u'.repeat(129)}","Password":"Passw0rd!"}`,
      'InvalidParameterException',
      /'username' failed to satisfy constraint: Member must have length less than or equal to 128/,
    ],
  ])('answers %s with a 400 naming the problem', async (_what, target, body, type, message) => {
    const res = await rawCall(h, target, body, wellFormedSigV4());
    expect(res.status).toBe(400);
    expect(res.json.__type).toBe(type);
    expect(String(res.json.message)).toMatch(message);
  });

  it('counts several validation errors in one message', async () => {
    const res = await rawCall(h, 'SignUp', '{}');
    expect(res.json.message).toMatch(/^3 validation errors detected: /);
  });

  it.each(['CreateUserPool', 'AdminGetUser', 'ListUsers', 'AdminInitiateAuth', 'DescribeUserPoolClient'])(
    'refuses %s without a SigV4 Authorization header',
    async (operation) => {
      const res = await rawCall(
        h,
        operation,
        JSON.stringify({ UserPoolId: poolId, PoolName: 'x', Username: 'u' }),
      );
      expect(res.status).toBe(400);
      expect(res.json).toEqual({
        __type: 'MissingAuthenticationTokenException',
        message: 'Request is missing Authentication Token',
      });
    },
  );

  it('accepts admin operations signed with any credentials', async () => {
    const other = new CognitoIdentityProviderClient({
      endpoint: h.server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'anything', secretAccessKey: 'whatever' },
    });
    const out = await other.send(new ListUserPoolsCommand({ MaxResults: 10 }));
    expect(out.UserPools?.map((p) => p.Id)).toContain(poolId);
    other.destroy();
  });

  it('answers a CORS preflight allowing the headers browser SDKs send on public operations, and no signing headers', async () => {
    const res = await fetch(`${h.server.url}/`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const allowed = (res.headers.get('access-control-allow-headers') ?? '').split(', ');
    for (const header of ['content-type', 'x-amz-target', 'x-amz-user-agent', 'cache-control']) {
      expect(allowed).toContain(header);
    }
    expect(allowed).not.toContain('authorization');
    expect(allowed).not.toContain('x-amz-security-token');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('puts CORS headers on errors too', async () => {
    const res = await rawCall(h, 'GetUser', '{"AccessToken":"abc"}', { origin: 'http://localhost:5173' });
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(res.json).toEqual({ __type: 'NotAuthorizedException', message: 'Invalid Access Token' });
  });

  it('serves the pool JWKS with two RS256 keys', async () => {
    const res = await fetch(`${h.server.url}/${poolId}/.well-known/jwks.json`);
    expect(res.status).toBe(200);
    const jwks = (await res.json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(2);
    for (const key of jwks.keys) {
      expect(key).toMatchObject({ alg: 'RS256', kty: 'RSA', e: 'AQAB', use: 'sig' });
      expect(String(key.kid)).toHaveLength(44);
      expect(key).not.toHaveProperty('d');
    }
    expect(jwks.keys[0]?.kid).not.toBe(jwks.keys[1]?.kid);
  });

  it('serves an OpenID configuration whose issuer is the tokens’ issuer and whose jwks_uri is local', async () => {
    const res = await fetch(`${h.server.url}/${poolId}/.well-known/openid-configuration`);
    const doc = (await res.json()) as Record<string, unknown>;
    expect(doc.issuer).toBe(`https://cognito-idp.us-east-1.amazonaws.com/${poolId}`);
    expect(doc.jwks_uri).toBe(`${h.server.url}/${poolId}/.well-known/jwks.json`);
    // Without a domain (and an OAuth server) the pool has no authorization endpoints to list.
    expect(doc.authorization_endpoint).toBeUndefined();
    expect(doc.token_endpoint).toBeUndefined();
  });

  it('answers 404 for the keys of an unknown pool', async () => {
    const res = await fetch(`${h.server.url}/us-east-1_Nope12345/.well-known/jwks.json`);
    expect(res.status).toBe(404);
  });

  it('serves the outbox filtered by pool and user', async () => {
    await rawCall(
      h,
      'SignUp',
      JSON.stringify({
        ClientId: clientId,
        Username: 'outboxer',
        Password: 'Corr3ct-Horse!',
        UserAttributes: [{ Name: 'email', Value: 'o@example.com' }],
      }),
    );
    const res = await fetch(`${h.server.url}/_local/outbox?userPoolId=${poolId}&username=outboxer`);
    const body = (await res.json()) as { messages: Record<string, unknown>[] };
    expect(body.messages).toHaveLength(1);
    expect(body.messages[0]).toMatchObject({
      kind: 'SignUp',
      deliveryMedium: 'EMAIL',
      destination: 'o@example.com',
      username: 'outboxer',
    });
    expect(String(body.messages[0]?.code)).toMatch(/^\d{6}$/);
  });

  it('keeps serving after a request is cut off mid-body', async () => {
    const { request } = await import('node:http');
    await new Promise<void>((resolve) => {
      const req = request(`${h.server.url}/`, { method: 'POST', headers: { 'content-length': '1000' } });
      req.on('error', () => resolve());
      // Cut off once the partial body has been handed to the socket: an event, not a guessed delay.
      req.write('{"Client', () => {
        req.destroy();
        resolve();
      });
    });
    const res = await rawCall(h, 'ListUserPools', '{"MaxResults":1}', wellFormedSigV4());
    expect(res.status).toBe(200);
  });
  it.each([
    ['declared in Content-Length', true],
    ['streamed without a length', false],
  ])('answers a body over 1 MB %s with 413 and keeps serving', async (_, declared) => {
    const { request } = await import('node:http');
    const big = Buffer.alloc(1024 * 1024 + 10, 0x20);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${h.server.url}/`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': 'AWSCognitoIdentityProviderService.ListUserPools',
          ...(declared ? { 'content-length': String(big.length) } : {}),
        },
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (c: Buffer) => {
          body += c.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end(big);
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({
      __type: 'SerializationException',
      message: 'Request body is larger than 1048576 bytes.',
    });
    const res = await rawCall(h, 'ListUserPools', '{"MaxResults":1}', wellFormedSigV4());
    expect(res.status).toBe(200);
  });

  it.each([
    ['not JSON', '{"ClientId":', 'SerializationException'],
    ['a JSON array', '[1,2]', 'SerializationException'],
    ['a number where a string belongs', '{"ClientId":"abc","AuthFlow":7}', 'SerializationException'],
    ['a member missing', '{"AuthFlow":"USER_PASSWORD_AUTH"}', 'InvalidParameterException'],
  ])('answers a body that is %s with 400 %s', async (_, body, type) => {
    const res = await rawCall(h, 'InitiateAuth', body);
    expect(res.status).toBe(400);
    expect(res.json.__type).toBe(type);
  });

  it('answers a request path that is not a URL with 400 instead of failing', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${h.server.url}/`, { method: 'GET', path: '//' });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(400);
  });

  it('prints codes but never a temporary password to its log', async () => {
    const log = createMemoryLogger();
    const server = await startCognitoServer({ service: h.service, log });
    try {
      await h.service.call('AdminCreateUser', {
        UserPoolId: poolId,
        Username: 'invited',
        UserAttributes: [{ Name: 'email', Value: 'invited@example.com' }],
        DesiredDeliveryMediums: ['EMAIL'],
      });
      const temporaryPassword = h.service.outbox.latest(poolId, 'invited')?.temporaryPassword ?? '';
      expect(temporaryPassword).not.toBe('');
      const lines = log.entries.map((e) => e.msg);
      expect(lines.some((l) => l.includes('invited') && l.includes('GET /_local/outbox'))).toBe(true);
      expect(lines.some((l) => l.includes(temporaryPassword))).toBe(false);
    } finally {
      await server.close();
      h.service.setPublicUrl(h.server.url);
    }
  });

  describe('IAM-authenticated operations', () => {
    const setPassword = (username: string) =>
      JSON.stringify({
        UserPoolId: poolId,
        Username: username,
        Password: 'Pwn3d-Passw0rd!',
        Permanent: true,
      });

    it('refuses the reported attack: AdminSetUserPassword from a foreign page with a garbage signature', async () => {
      await h.service.call('AdminCreateUser', {
        UserPoolId: poolId,
        Username: 'victim',
        MessageAction: 'SUPPRESS',
      });
      const res = await rawCall(h, 'AdminSetUserPassword', setPassword('victim'), {
        origin: 'https://evil.example',
        authorization: 'AWS4-HMAC-SHA256 garbage',
      });
      expect(res.status).toBe(403);
      expect(res.json.__type).toBe('AccessDeniedException');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      const user = await h.service.call('AdminGetUser', { UserPoolId: poolId, Username: 'victim' });
      expect(user.UserStatus).toBe('FORCE_CHANGE_PASSWORD');
    });

    it('answers a garbage signature without a page with IncompleteSignatureException', async () => {
      const res = await rawCall(h, 'AdminSetUserPassword', setPassword('victim'), {
        authorization: 'AWS4-HMAC-SHA256 garbage',
      });
      expect(res.status).toBe(400);
      expect(res.json).toEqual({
        __type: 'IncompleteSignatureException',
        message:
          "'garbage' not a valid key=value pair (missing equal-sign) in Authorization header: 'AWS4-HMAC-SHA256 garbage'.",
      });
    });

    it.each([
      ['an Origin of another site', { origin: 'https://evil.example' }],
      ['an Origin on this machine', { origin: 'http://localhost:5173' }],
      ['the Origin of a sandboxed page', { origin: 'null' }],
      ['Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site' }],
      ['Sec-Fetch-Site same-site', { 'sec-fetch-site': 'same-site' }],
    ])('refuses a well-signed call from a page with %s, runs nothing and grants no CORS', async (_, page) => {
      const username = `page-${Math.random().toString(36).slice(2)}`;
      const res = await rawCall(
        h,
        'AdminCreateUser',
        JSON.stringify({ UserPoolId: poolId, Username: username, MessageAction: 'SUPPRESS' }),
        { ...wellFormedSigV4(), ...page },
      );
      expect(res.status).toBe(403);
      expect(res.json).toEqual({
        __type: 'AccessDeniedException',
        message: expect.stringContaining('AdminCreateUser is an IAM-authenticated operation'),
      });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      await expect(
        h.service.call('AdminGetUser', { UserPoolId: poolId, Username: username }),
      ).rejects.toMatchObject({ name: 'UserNotFoundException' });
    });

    it.each([['none'], ['same-origin']])('runs a call whose Sec-Fetch-Site is %s', async (site) => {
      const res = await rawCall(h, 'ListUserPools', '{"MaxResults":1}', {
        ...wellFormedSigV4(),
        'sec-fetch-site': site,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('refuses a call signed for another region', async () => {
      const res = await rawCall(
        h,
        'ListUserPools',
        '{"MaxResults":1}',
        wellFormedSigV4({ region: 'eu-west-1' }),
      );
      expect(res.json).toEqual({
        __type: 'InvalidSignatureException',
        message: "Credential should be scoped to a valid region, not 'eu-west-1'. ",
      });
    });

    it('refuses a signature that is not 64 hex digits', async () => {
      const headers = wellFormedSigV4();
      headers.authorization = headers.authorization?.replace(/Signature=\w+/, 'Signature=abc') ?? '';
      const res = await rawCall(h, 'ListUserPools', '{"MaxResults":1}', headers);
      expect(res.status).toBe(400);
      expect(res.json.__type).toBe('InvalidSignatureException');
    });

    it.each([
      ['SignUp', { ClientId: 'nope', Username: 'u', Password: 'Corr3ct-Horse!' }],
      ['InitiateAuth', { ClientId: 'nope', AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: {} }],
      ['ForgotPassword', { ClientId: 'nope', Username: 'u' }],
      ['GlobalSignOut', { AccessToken: 'abc' }],
    ])('keeps the public operation %s open to other origins, with CORS', async (operation, input) => {
      const res = await rawCall(h, operation, JSON.stringify(input), { origin: 'http://localhost:5173' });
      expect(res.status).toBe(400);
      expect(res.json.__type).not.toBe('AccessDeniedException');
      expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    });

    it('signs up from another origin', async () => {
      const res = await rawCall(
        h,
        'SignUp',
        JSON.stringify({ ClientId: clientId, Username: 'cross-origin', Password: 'Corr3ct-Horse!' }),
        { origin: 'http://localhost:5173' },
      );
      expect(res.status).toBe(200);
      expect(res.json.UserSub).toEqual(expect.any(String));
      expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    });
  });

  describe('the Host check (DNS rebinding)', () => {
    /** A request with this Host header, or none when `host` is undefined. */
    const get = async (path: string, host: string | undefined, method = 'GET') => {
      const { request } = await import('node:http');
      return new Promise<{ status: number; cors: string | undefined }>((resolve, reject) => {
        const req = request(`${h.server.url}${path}`, {
          method,
          setHost: host !== undefined,
          headers: {
            ...(host === undefined ? {} : { host }),
            'content-type': 'application/x-amz-json-1.1',
            'x-amz-target': 'AWSCognitoIdentityProviderService.ListUserPools',
            origin: 'http://evil.example',
            ...(method === 'POST' ? wellFormedSigV4() : {}),
          },
        });
        req.on('response', (res) => {
          res.resume();
          const cors = res.headers['access-control-allow-origin'];
          resolve({ status: res.statusCode ?? 0, cors: typeof cors === 'string' ? cors : undefined });
        });
        req.on('error', reject);
        req.end(method === 'POST' ? '{"MaxResults":1}' : undefined);
      });
    };
    const endpoints = (): [string, string][] => [
      ['POST', '/'],
      ['OPTIONS', '/'],
      ['GET', `/${poolId}/.well-known/jwks.json`],
      ['GET', `/${poolId}/.well-known/openid-configuration`],
      ['GET', `/_local/outbox?userPoolId=${poolId}`],
      ['GET', '/health'],
    ];

    it('refuses every endpoint to a Host that names another domain, or to no Host', async () => {
      for (const [method, path] of endpoints()) {
        const port = new URL(h.server.url).port;
        for (const host of [
          `evil.example:${port}`,
          'evil.example',
          `localhost.evil.example:${port}`,
          undefined,
        ]) {
          const res = await get(path, host, method);
          // Node's server itself answers an HTTP/1.1 request without Host with 400 (requireHostHeader).
          const status = host === undefined ? 400 : 403;
          expect({ method, path, host, ...res }).toEqual({ method, path, host, status, cors: undefined });
        }
      }
    });

    it.each([['localhost'], ['127.0.0.1'], ['127.1.2.3'], ['[::1]'], ['LOCALHOST']])(
      'answers a Host of %s',
      async (name) => {
        const res = await get('/health', `${name}:${new URL(h.server.url).port}`);
        expect(res.status).toBe(200);
      },
    );
  });

  describe('the outbox endpoint', () => {
    const outboxUrl = () => `${h.server.url}/_local/outbox?userPoolId=${poolId}`;

    it('serves only the pool the query names', async () => {
      const other = await createPoolAndClient(h);
      await rawCall(
        h,
        'SignUp',
        JSON.stringify({
          ClientId: other.clientId,
          Username: 'elsewhere',
          Password: 'Corr3ct-Horse!',
          UserAttributes: [{ Name: 'email', Value: 'e@example.com' }],
        }),
      );
      const body = (await (await fetch(outboxUrl())).json()) as { messages: { userPoolId: string }[] };
      expect(body.messages.length).toBeGreaterThan(0);
      expect(body.messages.every((m) => m.userPoolId === poolId)).toBe(true);
    });

    it('carries no CORS headers, so other sites cannot read codes', async () => {
      const res = await fetch(outboxUrl(), { headers: { origin: 'http://localhost:5173' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('grants no CORS preflight', async () => {
      const res = await fetch(outboxUrl(), {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
      });
      expect(res.status).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });

    it.each([
      ['a Host that is not this machine (DNS rebinding)', { host: 'evil.example:80' }],
      ['a page of another site', { origin: 'https://evil.example' }],
    ])('refuses %s', async (_, headers) => {
      const { request } = await import('node:http');
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(outboxUrl(), { headers });
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(403);
    });
  });
});
