import { CognitoException, invalidParameter } from '../cognito-error.js';
import type { OAuthFlow, UserPoolClient } from '../cognito-types.js';
import { STANDARD_SCOPES } from './resource-servers.js';

/** The OAuth 2.0 members of CreateUserPoolClient/UpdateUserPoolClient, once their shapes are checked. */
export interface ClientOAuthInput {
  AllowedOAuthFlows?: OAuthFlow[] | undefined;
  AllowedOAuthFlowsUserPoolClient?: boolean | undefined;
  AllowedOAuthScopes?: string[] | undefined;
  CallbackURLs?: string[] | undefined;
  LogoutURLs?: string[] | undefined;
  DefaultRedirectURI?: string | undefined;
  SupportedIdentityProviders?: string[] | undefined;
}

/** What the rules need to know of the pool. */
export interface ClientOAuthContext {
  poolId: string;
  /** Whether the client has a secret (client_credentials needs one). */
  hasSecret: boolean;
  /** The pool's custom scopes, `<resource server identifier>/<scope name>`. */
  customScopes: ReadonlySet<string>;
}

/** The one identity provider every pool has: its own users. Other providers are not emulated. */
export const COGNITO_PROVIDER = 'COGNITO';

/**
 * Hosts a callback URL may name over plain `http`. AWS's docs name only `http://localhost`; `127.0.0.1` is
 * accepted too, as two independent reports against real pools say. Other loopback forms (`[::1]`) are refused,
 * as we found no evidence that AWS accepts them.
 */
const HTTP_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1']);

function invalidOAuthFlow(message: string): CognitoException {
  return new CognitoException('InvalidOAuthFlowException', message);
}

/**
 * A redirect URL as AWS's docs require it: absolute, no fragment, HTTPS except for localhost. App schemes
 * (`myapp://callback`) are allowed. The plain-http message is AWS's (seen in many reports); the other two are
 * our wording, as no AWS answer for them was found.
 */
function checkRedirectUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidParameter(`${url} is not a valid URL: a redirect URL must be an absolute URI.`);
  }
  if (url.includes('#')) {
    throw invalidParameter(`${url} must not include a fragment component.`);
  }
  if (parsed.protocol === 'http:' && !HTTP_HOSTS.has(parsed.hostname)) {
    throw invalidParameter(`${url} cannot use the HTTP protocol.`);
  }
}

/**
 * Checks a client's OAuth settings as Create/UpdateUserPoolClient check them, then sets them on `client`
 * (what the input leaves out is removed, as UpdateUserPoolClient resets it). Messages are AWS's where a real
 * answer was found (noted at each); the order of the checks is ours.
 */
export function applyClientOAuth(
  client: UserPoolClient,
  input: ClientOAuthInput,
  context: ClientOAuthContext,
): void {
  const flows = input.AllowedOAuthFlows ?? [];
  const scopes = input.AllowedOAuthScopes ?? [];
  const callbacks = input.CallbackURLs ?? [];
  const enabled = input.AllowedOAuthFlowsUserPoolClient === true;

  // AWS: "The provider Google does not exist for User Pool us-east-1_XXXXXXXXX." (InvalidParameterException).
  for (const provider of input.SupportedIdentityProviders ?? []) {
    if (provider !== COGNITO_PROVIDER) {
      throw invalidParameter(`The provider ${provider} does not exist for User Pool ${context.poolId}.`);
    }
  }
  for (const url of [...callbacks, ...(input.LogoutURLs ?? [])]) checkRedirectUrl(url);
  if (input.DefaultRedirectURI !== undefined) {
    checkRedirectUrl(input.DefaultRedirectURI);
    // AWS's model: "The default redirect URI. Must be in the CallbackURLs list." (message ours).
    if (!callbacks.includes(input.DefaultRedirectURI)) {
      throw invalidParameter(`DefaultRedirectURI ${input.DefaultRedirectURI} must be in CallbackURLs.`);
    }
  }

  // These two hold whether or not AllowedOAuthFlowsUserPoolClient is set (reported for updates without it).
  if (flows.includes('client_credentials')) {
    if (flows.some((f) => f !== 'client_credentials')) {
      throw invalidOAuthFlow(
        'client_credentials flow can not be selected along with code flow or implicit flow.',
      );
    }
    if (!context.hasSecret) {
      throw invalidOAuthFlow(
        'client_credentials flow can not be selected if client does not have a client secret.',
      );
    }
  }
  for (const scope of scopes) {
    // AWS: "Invalid scope requested: Cognito" (ScopeDoesNotExistException).
    if (!STANDARD_SCOPES.has(scope) && !context.customScopes.has(scope)) {
      throw new CognitoException('ScopeDoesNotExistException', `Invalid scope requested: ${scope}`);
    }
    // AWS: "openid is not supported with client_credentials flow" (InvalidOAuthFlowException): a service token
    // has no user, so no standard scope applies to it.
    if (flows.includes('client_credentials') && STANDARD_SCOPES.has(scope)) {
      throw invalidOAuthFlow(`${scope} is not supported with client_credentials flow`);
    }
  }
  if (enabled && (flows.length === 0 || scopes.length === 0)) {
    // AWS's message, InvalidParameterException.
    throw invalidParameter(
      'AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.',
    );
  }
  // AWS's message, InvalidOAuthFlowException. Checked only for a client allowed to use its flows: one that is
  // not never redirects anywhere (we found no report of AWS refusing such a client).
  if (enabled && callbacks.length === 0 && flows.some((f) => f === 'code' || f === 'implicit')) {
    throw invalidOAuthFlow('CallbackUrls can not be empty when code flow or implicit flow is selected');
  }

  const set = <K extends keyof UserPoolClient>(key: K, value: UserPoolClient[K] | undefined) => {
    if (value === undefined) delete client[key];
    else client[key] = value;
  };
  const list = <T>(value: T[] | undefined) => (value === undefined || value.length === 0 ? undefined : value);
  set('AllowedOAuthFlows', list(input.AllowedOAuthFlows));
  client.AllowedOAuthFlowsUserPoolClient = enabled;
  set('AllowedOAuthScopes', list(input.AllowedOAuthScopes));
  set('CallbackURLs', list(input.CallbackURLs));
  set('LogoutURLs', list(input.LogoutURLs));
  set('DefaultRedirectURI', input.DefaultRedirectURI);
  set('SupportedIdentityProviders', list(input.SupportedIdentityProviders));
}
