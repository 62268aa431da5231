import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CognitoService } from '../cognito/index.js';
import type { EmulatorLogger } from '../logger.js';
import type { AuthorizationCodes } from './authorization-codes.js';
import type { CsrfTokens } from './csrf-token.js';
import type { LoginSessions } from './login-sessions.js';

/** What every endpoint and page of the OAuth server shares. */
export interface OAuthContext {
  cognito: CognitoService;
  codes: AuthorizationCodes;
  sessions: LoginSessions;
  csrf: CsrfTokens;
  log: EmulatorLogger;
}

/** One request to a domain's endpoint or page. */
export interface DomainRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** The user pool domain the path names, and its pool. */
  domain: string;
  poolId: string;
  /** `/<domain>`: where the domain's paths start, and the path of its cookies. */
  base: string;
  cookies: Record<string, string>;
}
