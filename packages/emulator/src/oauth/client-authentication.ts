import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { CognitoService } from '../cognito/index.js';
import { type OAuthClient, readOAuthClient } from './oauth-client.js';

/** Why a caller's client could not be established: `invalid_request` (malformed) or `invalid_client`. */
export type ClientAuthFailure = 'invalid_request' | 'invalid_client';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `client_id:client_secret` of an HTTP Basic header, each form-decoded (RFC 6749 2.3.1). */
function basicCredentials(
  header: string | undefined,
): { id: string; secret: string } | 'malformed' | undefined {
  if (header === undefined) return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (match === null) return 'malformed';
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const at = decoded.indexOf(':');
  if (at < 0) return 'malformed';
  try {
    const decode = (s: string) => decodeURIComponent(s.replaceAll('+', ' '));
    return { id: decode(decoded.slice(0, at)), secret: decode(decoded.slice(at + 1)) };
  } catch {
    return 'malformed';
  }
}

/**
 * The client a token or revoke request authenticates as: HTTP Basic (`client_secret_basic`) or the form's
 * `client_id` and `client_secret` (`client_secret_post`); a public client names itself with `client_id` alone.
 * A client with a secret must prove it; an unknown client or a wrong secret is `invalid_client`.
 */
export async function authenticateClient(
  cognito: Pick<CognitoService, 'call'>,
  poolId: string,
  req: IncomingMessage,
  form: URLSearchParams,
): Promise<{ ok: true; client: OAuthClient; secret?: string } | { ok: false; error: ClientAuthFailure }> {
  const basic = basicCredentials(req.headers.authorization);
  if (basic === 'malformed') return { ok: false, error: 'invalid_client' };
  const formId = form.get('client_id') ?? undefined;
  const formSecret = form.get('client_secret') ?? undefined;
  if (basic !== undefined && formSecret !== undefined) return { ok: false, error: 'invalid_request' };
  if (basic !== undefined && formId !== undefined && formId !== basic.id)
    return { ok: false, error: 'invalid_request' };
  const clientId = basic?.id ?? formId;
  if (clientId === undefined || clientId === '') return { ok: false, error: 'invalid_request' };
  const client = await readOAuthClient(cognito, poolId, clientId);
  if (client === undefined) return { ok: false, error: 'invalid_client' };
  const secret = basic?.secret ?? formSecret;
  if (client.secret !== undefined && (secret === undefined || !sameSecret(secret, client.secret))) {
    return { ok: false, error: 'invalid_client' };
  }
  return { ok: true, client, ...(secret === undefined ? {} : { secret }) };
}
