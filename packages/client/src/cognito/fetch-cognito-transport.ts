import { authErrorFrom } from '../auth/auth-errors.js';
import { NetworkError } from '../errors/client-error.js';
import { type CognitoTransport, cognitoEndpoint } from './cognito-transport.js';

/** Options of {@link fetchCognitoTransport}. */
export interface FetchCognitoTransportOptions {
  /** The Cognito endpoint override (the local stack's `endpoints.cognito`). */
  readonly endpoint?: string | undefined;
  /** The `fetch` to use; `globalThis.fetch` by default. */
  readonly fetch?: typeof fetch;
}

/**
 * Cognito over plain `fetch`, speaking the AWS JSON 1.1 protocol (`X-Amz-Target`) that the official SDK
 * speaks. The browser entry uses it because the SDK's runtime alone outweighs this whole package in a
 * bundle; the Node entry uses the SDK. Cognito's user operations are unsigned, so nothing else is needed.
 *
 * @example
 * const cognito = fetchCognitoTransport('us-east-1', { endpoint: 'http://127.0.0.1:9229/' });
 * await cognito.send('ForgotPassword', { ClientId: clientId, Username: 'ana@example.com' });
 */
export function fetchCognitoTransport(
  region: string,
  options: FetchCognitoTransportOptions = {},
): CognitoTransport {
  const url = cognitoEndpoint(region, options.endpoint);
  return {
    async send(operation, input, signal) {
      const fetchFn = options.fetch ?? globalThis.fetch;
      let response: Response;
      try {
        response = await fetchFn(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-amz-json-1.1',
            'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
          },
          body: JSON.stringify(input),
          ...(signal ? { signal } : {}),
        });
      } catch (cause) {
        if (signal?.aborted) throw signal.reason;
        throw new NetworkError(`Could not reach Cognito for ${operation}`, { cause });
      }
      const text = await response.text();
      let data: Record<string, unknown> = {};
      try {
        if (text.trim() !== '') data = JSON.parse(text) as Record<string, unknown>;
      } catch {
        // A non-JSON body (a proxy's HTML error page) is reported by status below.
      }
      if (!response.ok) {
        // The same order the AWS SDKs read the error code in: `__type`, `code`, then the header.
        const type =
          (typeof data.__type === 'string' && data.__type) ||
          (typeof data.code === 'string' && data.code) ||
          response.headers.get('x-amzn-errortype') ||
          (response.status >= 500 ? 'InternalErrorException' : 'UnknownError');
        const message =
          (typeof data.message === 'string' && data.message) ||
          (typeof data.Message === 'string' && data.Message) ||
          `Cognito answered ${operation} with HTTP ${response.status}`;
        throw authErrorFrom(type, message);
      }
      return data as never;
    },
  };
}
