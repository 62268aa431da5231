import type { ClientConfig } from '@org/client/browser';
import { CONFIG_PATH } from './config-path.js';

/** What `/config.json` holds: the client's configuration, with the managed login page's URL when there is one. */
export interface WebConfig {
  /** Carries `domainUrl` too, so that `client.signInWithRedirect()` can reach the managed login page. */
  readonly client: ClientConfig;
  /** The Cognito domain's base URL (managed login); absent until the stack has one. The page offers it only then. */
  readonly domainUrl: string | undefined;
}

/** `/config.json` could not be read or is not usable; the message says why. */
export class WebConfigError extends Error {
  override readonly name = 'WebConfigError';
}

function optionalString(document: Record<string, unknown>, key: string): string | undefined {
  const value = document[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new WebConfigError(`${CONFIG_PATH}: ${key} must be a string`);
  return value;
}

/**
 * Turns the parsed `/config.json` into the app's configuration. Only the shape is checked here; the client
 * validates each value when it is created and names any that is wrong.
 */
export function parseWebConfig(document: unknown): WebConfig {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new WebConfigError(`${CONFIG_PATH} must hold a JSON object`);
  }
  const fields = document as Record<string, unknown>;
  const required = (key: string): string => {
    const value = optionalString(fields, key);
    if (value === undefined) throw new WebConfigError(`${CONFIG_PATH}: ${key} is missing`);
    return value;
  };
  const cognitoEndpoint = optionalString(fields, 'cognitoEndpoint');
  const domainUrl = optionalString(fields, 'domainUrl');
  return {
    client: {
      apiUrl: required('apiUrl'),
      userPoolId: required('userPoolId'),
      clientId: required('clientId'),
      region: required('region'),
      ...(cognitoEndpoint === undefined ? {} : { cognitoEndpoint }),
      ...(domainUrl === undefined ? {} : { domainUrl }),
    },
    domainUrl,
  };
}

/** Reads `/config.json` from the site that served the page (one build serves every stage). */
export async function loadWebConfig(fetchFn: typeof fetch = fetch): Promise<WebConfig> {
  let response: Response;
  try {
    response = await fetchFn(CONFIG_PATH, { cache: 'no-store' });
  } catch (error) {
    throw new WebConfigError(`Cannot load ${CONFIG_PATH}: the site cannot be reached`, { cause: error });
  }
  if (!response.ok) throw new WebConfigError(`Cannot load ${CONFIG_PATH}: HTTP ${response.status}`);
  let document: unknown;
  try {
    document = await response.json();
  } catch (error) {
    throw new WebConfigError(`${CONFIG_PATH} is not JSON`, { cause: error });
  }
  return parseWebConfig(document);
}
