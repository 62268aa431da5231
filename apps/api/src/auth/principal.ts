import {
  AuthorizerClaimsSchema,
  type PrincipalKind,
  parseGroupsClaim,
  parseScopeClaim,
  type Role,
  RoleSchema,
} from '@org/contracts';
import { UnauthorizedError } from '../errors/api-error.js';
import { parseClaimDate } from './claim-date.js';

/** What every verified caller has. */
interface PrincipalClaims {
  readonly kind: PrincipalKind;
  readonly sub: string;
  /** The app client the token was issued to. */
  readonly clientId: string;
  /** The token's scopes (`scope`, split). */
  readonly scopes: readonly string[];
  /** Epoch seconds, when the claims carry them. */
  readonly issuedAt: number | undefined;
  readonly expiresAt: number | undefined;
}

/** A person, signed in through Cognito's API flows or the managed login page. */
export interface UserPrincipal extends PrincipalClaims {
  readonly kind: 'user';
  /** The user's immutable id (`sub`); the owner key of their notes. */
  readonly sub: string;
  readonly username: string;
  readonly groups: readonly string[];
  /** Added to the access token by the pre-token-generation trigger; `null` without it. */
  readonly email: string | null;
  readonly displayName: string | null;
  /** The trigger's `role` claim when it holds a known role; `null` when absent or unknown. */
  readonly roleClaim: Role | null;
}

/**
 * A service: a confidential app client holding a client-credentials token. It has no username, no groups
 * and no notes; its `sub` is its client id.
 */
export interface ServicePrincipal extends PrincipalClaims {
  readonly kind: 'service';
}

/** The verified caller of a protected route, read from the authorizer's claims. */
export type Principal = UserPrincipal | ServicePrincipal;

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
 * A token without `username` is a service's (client credentials), and only when its `sub` is its
 * `client_id`, as Cognito issues them; anything else without a username is refused.
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
  if (c.client_id === undefined || c.client_id.length === 0) refuse('access token without client_id');
  const clientId = c.client_id as string;

  const time = (name: 'exp' | 'iat'): number | undefined => {
    const text = c[name];
    if (text === undefined) return undefined;
    const seconds = parseClaimDate(text);
    if (seconds === undefined) refuse(`${name} is not a date`);
    return seconds;
  };
  const common = {
    sub: c.sub,
    clientId,
    scopes: parseScopeClaim(c.scope),
    issuedAt: time('iat'),
    expiresAt: time('exp'),
  };

  if (c.username === undefined) {
    if (c.sub !== clientId) refuse('access token without username whose sub is not its client_id');
    if (c['cognito:groups'] !== undefined) refuse('client-credentials token with groups');
    return { kind: 'service', ...common };
  }

  if (c.username.length === 0) refuse('access token with an empty username');
  const roleClaim = RoleSchema.safeParse(c.role);
  return {
    kind: 'user',
    ...common,
    username: c.username,
    // Cognito group names may themselves contain commas; API Gateway joins several groups with commas
    // without escaping, so such a name would be split here. Group names are chosen by pool admins,
    // not by users, so this is a naming rule for admins rather than a hole.
    groups: parseGroupsClaim(c['cognito:groups']),
    email: nonEmpty(c.email),
    displayName: nonEmpty(c.display_name),
    roleClaim: roleClaim.success ? roleClaim.data : null,
  };
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value.length === 0 ? null : value;
}
