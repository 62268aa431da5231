import { AuthorizerClaimsSchema, parseGroupsClaim, type Role, RoleSchema } from '@org/contracts';
import { UnauthorizedError } from '../errors/api-error.js';
import { parseClaimDate } from './claim-date.js';

/** The verified caller of a protected route, read from the authorizer's claims. */
export interface Principal {
  /** The user's immutable id (`sub`); the owner key of their notes. */
  readonly sub: string;
  readonly username: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly groups: readonly string[];
  /** Added to the access token by the pre-token-generation trigger; `null` without it. */
  readonly email: string | null;
  readonly displayName: string | null;
  /** The trigger's `role` claim when it holds a known role; `null` when absent or unknown. */
  readonly roleClaim: Role | null;
  /** Epoch seconds, when the claims carry them. */
  readonly issuedAt: number | undefined;
  readonly expiresAt: number | undefined;
}

// Cognito subs are UUIDs; other pools (and local emulators) may use other ids, but nothing legitimate
// needs more than this. The sub becomes part of a DynamoDB key, so anything odd is refused outright.
const SUB_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;
const MAX_CLAIM_LENGTH = 2048;

/**
 * Parses `requestContext.authorizer.claims` of a REST (v1) proxy event into a principal.
 *
 * Only access tokens are accepted: every protected method requires OAuth scopes, which makes API
 * Gateway demand an access token, so an ID token here means the gateway is misconfigured.
 *
 * @throws UnauthorizedError when the claims are missing, malformed or not an access token's. The
 * message is generic on purpose; the reason is in `cause` for the log.
 */
export function parsePrincipal(claims: unknown): Principal {
  if (claims === undefined || claims === null) {
    throw new UnauthorizedError('Unauthorized', {
      cause: new Error('no authorizer claims on a protected route'),
    });
  }
  const parsed = AuthorizerClaimsSchema.safeParse(claims);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(claims)'))].join(', ');
    throw new UnauthorizedError('Unauthorized', {
      cause: new Error(`malformed authorizer claims: ${fields}`),
    });
  }
  const c = parsed.data;
  const refuse = (reason: string): never => {
    throw new UnauthorizedError('Unauthorized', { cause: new Error(reason) });
  };
  for (const [name, value] of Object.entries(c)) {
    if (typeof value === 'string' && value.length > MAX_CLAIM_LENGTH) refuse(`claim ${name} is too long`);
  }
  if (c.token_use !== 'access') refuse(`token_use is ${c.token_use}, expected access`);
  if (!SUB_PATTERN.test(c.sub)) refuse('sub is not a valid user id');
  if (c.username === undefined || c.username.length === 0) refuse('access token without username');
  if (c.client_id === undefined || c.client_id.length === 0) refuse('access token without client_id');

  const time = (name: 'exp' | 'iat'): number | undefined => {
    const text = c[name];
    if (text === undefined) return undefined;
    const seconds = parseClaimDate(text);
    if (seconds === undefined) refuse(`${name} is not a date`);
    return seconds;
  };
  const roleClaim = RoleSchema.safeParse(c.role);

  return {
    sub: c.sub,
    username: c.username as string,
    clientId: c.client_id as string,
    scopes: (c.scope ?? '').split(/\s+/).filter((s) => s.length > 0),
    // Cognito group names may themselves contain commas; API Gateway joins several groups with commas
    // without escaping, so such a name would be split here. Group names are chosen by pool admins,
    // not by users, so this is a naming rule for admins rather than a hole.
    groups: parseGroupsClaim(c['cognito:groups']),
    email: nonEmpty(c.email),
    displayName: nonEmpty(c.display_name),
    roleClaim: roleClaim.success ? roleClaim.data : null,
    issuedAt: time('iat'),
    expiresAt: time('exp'),
  };
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value.length === 0 ? null : value;
}
