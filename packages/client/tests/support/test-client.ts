import { createBrowserClient } from '../../src/client/create-browser-client.js';
import type { ClientOptions } from '../../src/client/create-gatehouse-client.js';
import { fetchCognitoTransport } from '../../src/cognito/fetch-cognito-transport.js';
import { sdkCognitoTransport } from '../../src/cognito/sdk-cognito-transport.js';
import { CLIENT_ID, type FakeCognito, USER_POOL_ID } from './fake-cognito.js';
import { fakeRequestHandler } from './sdk-request-handler.js';

export const API_URL = 'https://api.example.test/prod/';

export const testConfig = {
  apiUrl: API_URL,
  userPoolId: USER_POOL_ID,
  clientId: CLIENT_ID,
  region: 'us-east-1',
  cognitoEndpoint: 'https://cognito.example.test/',
};

/** The two ways the client reaches Cognito, so that every auth test runs over both. */
export const transports = ['sdk', 'fetch'] as const;
export type TransportKind = (typeof transports)[number];

/**
 * A client whose Cognito is the fake (through the official SDK or through fetch) and whose API `fetch`
 * is the given one.
 */
export function testClient(
  kind: TransportKind,
  cognito: FakeCognito,
  options: Omit<ClientOptions, 'cognito'> = {},
) {
  const apiFetch = options.fetch ?? (async () => new Response('{}', { status: 500 }));
  return createBrowserClient(testConfig, {
    ...options,
    fetch: apiFetch,
    cognito:
      kind === 'sdk'
        ? sdkCognitoTransport('us-east-1', {
            endpoint: testConfig.cognitoEndpoint,
            clientConfig: { requestHandler: fakeRequestHandler(cognito), maxAttempts: 1 },
          })
        : fetchCognitoTransport('us-east-1', {
            endpoint: testConfig.cognitoEndpoint,
            fetch: cognito.fetch,
          }),
  });
}
