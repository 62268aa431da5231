import { describe, expect, it } from 'vitest';
import { loadWebConfig, parseWebConfig, WebConfigError } from '../../src/config/web-config.js';

const complete = {
  apiUrl: 'http://127.0.0.1:3000/dev/',
  userPoolId: 'us-east-1_AbC123xyz',
  clientId: 'client123',
  region: 'us-east-1',
  cognitoEndpoint: 'http://127.0.0.1:9229',
};

describe('parseWebConfig', () => {
  it('reads the client configuration and the optional domain URL, which the client needs too', () => {
    expect(parseWebConfig({ ...complete, domainUrl: 'https://auth.example.com' })).toEqual({
      client: { ...complete, domainUrl: 'https://auth.example.com' },
      domainUrl: 'https://auth.example.com',
    });
  });

  it.each([undefined, ''])('has no domain URL when it is %j (no managed login)', (domainUrl) => {
    const config = parseWebConfig({ ...complete, domainUrl });
    expect(config.domainUrl).toBeUndefined();
    expect(config.client).not.toHaveProperty('domainUrl');
  });

  it('leaves out a Cognito endpoint that is absent or empty (AWS)', () => {
    expect(parseWebConfig({ ...complete, cognitoEndpoint: '' }).client).not.toHaveProperty('cognitoEndpoint');
  });

  it.each(['apiUrl', 'userPoolId', 'clientId', 'region'])('names %s when it is missing', (key) => {
    const document: Record<string, unknown> = { ...complete };
    delete document[key];
    expect(() => parseWebConfig(document)).toThrow(new WebConfigError(`/config.json: ${key} is missing`));
  });

  it.each([null, [], 'text'])('refuses %j as a document', (document) => {
    expect(() => parseWebConfig(document)).toThrow(WebConfigError);
  });
});

describe('loadWebConfig', () => {
  it('says which status the site answered', async () => {
    const fetchFn = async () => new Response('not here', { status: 404 });
    await expect(loadWebConfig(fetchFn)).rejects.toThrow('Cannot load /config.json: HTTP 404');
  });

  it('says when the file is not JSON', async () => {
    const fetchFn = async () => new Response('<html>', { status: 200 });
    await expect(loadWebConfig(fetchFn)).rejects.toThrow('/config.json is not JSON');
  });

  it('asks for /config.json without the HTTP cache', async () => {
    const requests: [string, RequestInit | undefined][] = [];
    const fetchFn = async (url: string | URL | Request, init?: RequestInit) => {
      requests.push([String(url), init]);
      return Response.json(complete);
    };
    await loadWebConfig(fetchFn as typeof fetch);
    expect(requests).toEqual([['/config.json', { cache: 'no-store' }]]);
  });
});
