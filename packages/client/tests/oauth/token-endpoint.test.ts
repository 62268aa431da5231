import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetworkError } from '../../src/errors/client-error.js';
import {
  AccessDeniedError,
  InvalidClientError,
  InvalidGrantError,
  InvalidRequestError,
  InvalidScopeError,
  OAuthError,
  OAuthServerError,
  UnauthorizedClientError,
  UnsupportedGrantTypeError,
} from '../../src/oauth/oauth-errors.js';
import { requestTokens } from '../../src/oauth/token-endpoint.js';
import { FakeOAuthServer } from '../support/fake-oauth-server.js';

describe('requestTokens', () => {
  const server = new FakeOAuthServer();
  beforeAll(async () => {
    await server.start();
    server.serviceClients.set('svc', { secret: 's3cret', scopes: ['gatehouse-api/stats.read'] });
  });
  afterAll(() => server.stop());

  const request = (form: Record<string, string>, basic?: { clientId: string; clientSecret: string }) =>
    requestTokens({
      domainUrl: server.domainUrl,
      fetch: globalThis.fetch,
      form,
      ...(basic ? { basic } : {}),
    });

  it('posts the grant form-encoded with HTTP Basic client authentication', async () => {
    server.forcedAnswer = undefined;
    const tokens = await request(
      { grant_type: 'client_credentials', scope: 'gatehouse-api/stats.read' },
      { clientId: 'svc', clientSecret: 's3cret' },
    );

    expect(tokens).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      access_token: expect.any(String),
    });
    const sent = server.requests.at(-1);
    expect(sent).toMatchObject({
      path: '/gatehouse-test/oauth2/token',
      contentType: 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from('svc:s3cret').toString('base64')}`,
      form: { grant_type: 'client_credentials', scope: 'gatehouse-api/stats.read' },
    });
  });

  it.each([
    ['invalid_grant', 400, InvalidGrantError, 'INVALID_GRANT'],
    ['invalid_client', 401, InvalidClientError, 'INVALID_CLIENT'],
    ['invalid_request', 400, InvalidRequestError, 'INVALID_REQUEST'],
    ['unauthorized_client', 400, UnauthorizedClientError, 'UNAUTHORIZED_CLIENT'],
    ['unsupported_grant_type', 400, UnsupportedGrantTypeError, 'UNSUPPORTED_GRANT_TYPE'],
    ['invalid_scope', 400, InvalidScopeError, 'INVALID_SCOPE'],
    ['access_denied', 400, AccessDeniedError, 'ACCESS_DENIED'],
    ['server_error', 500, OAuthServerError, 'OAUTH_ERROR'],
  ] as const)('turns {"error":"%s"} (HTTP %s) into %s', async (error, status, ErrorClass, code) => {
    server.forcedAnswer = { status, body: { error, error_description: 'the reason' } };

    const thrown = await request({ grant_type: 'refresh_token', refresh_token: 'secret-refresh' }).catch(
      (e: unknown) => e,
    );

    server.forcedAnswer = undefined;
    expect(thrown).toBeInstanceOf(ErrorClass);
    expect(thrown).toBeInstanceOf(OAuthError);
    expect(thrown).toMatchObject({ code, oauthError: error, description: 'the reason' });
    expect(String((thrown as Error).message)).not.toContain('secret-refresh');
  });

  it.each([
    [
      'a client-credentials request without a secret',
      { grant_type: 'client_credentials' },
      InvalidClientError,
    ],
    ['an unknown grant', { grant_type: 'password' }, UnsupportedGrantTypeError],
    ['no grant type', {}, InvalidRequestError],
    ['a used-up code', { grant_type: 'authorization_code', code: 'nope' }, InvalidGrantError],
  ])('reads the real endpoint’s refusal of %s', async (_, form, ErrorClass) => {
    await expect(request(form)).rejects.toBeInstanceOf(ErrorClass);
  });

  it('reports an answer that is neither tokens nor an OAuth error', async () => {
    server.forcedAnswer = { status: 502, body: '<html>Bad gateway</html>' };

    const thrown = await request({ grant_type: 'client_credentials' }).catch((e: unknown) => e);

    server.forcedAnswer = undefined;
    expect(thrown).toBeInstanceOf(OAuthServerError);
    expect(thrown).toMatchObject({ oauthError: 'invalid_response' });
    expect((thrown as Error).message).toContain('HTTP 502');
  });

  it('reports an unreachable endpoint as NetworkError', async () => {
    const closed = new FakeOAuthServer();
    await closed.start();
    await closed.stop();

    await expect(
      requestTokens({ domainUrl: closed.domainUrl, fetch: globalThis.fetch, form: { grant_type: 'x' } }),
    ).rejects.toBeInstanceOf(NetworkError);
  });
});
