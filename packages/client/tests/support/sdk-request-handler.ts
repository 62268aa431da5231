import type { FakeCognito } from './fake-cognito.js';

/**
 * An AWS SDK `requestHandler` that answers from the fake Cognito: the SDK serialises and parses exactly
 * as it does on the wire; only the HTTP exchange itself is replaced.
 */
export function fakeRequestHandler(cognito: FakeCognito) {
  return {
    async handle(request: { headers: Record<string, string>; body?: unknown }) {
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]),
      );
      const { status, payload } = await cognito.handle(
        headers['x-amz-target'] ?? '',
        JSON.parse(
          request.body instanceof Uint8Array
            ? new TextDecoder().decode(request.body)
            : String(request.body ?? '{}'),
        ),
        headers,
      );
      return {
        response: {
          statusCode: status,
          headers: { 'content-type': 'application/x-amz-json-1.1' },
          body: new TextEncoder().encode(JSON.stringify(payload)),
        },
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  };
}
