import * as z from 'zod';

/** Claims the pre-token-generation trigger adds to both tokens (and `email` to the access token). */
export const CustomClaims = {
  displayName: 'display_name',
  role: 'role',
} as const;

const epochSeconds = z.number().int().nonnegative();
const groupsArray = z.array(z.string());

/** Claims both Cognito token kinds carry. */
const CommonClaimsSchema = z.looseObject({
  sub: z.string().min(1),
  iss: z.url(),
  auth_time: epochSeconds,
  iat: epochSeconds,
  exp: epochSeconds,
  /** Present when token revocation is enabled on the app client (the default). */
  jti: z.string().optional(),
  origin_jti: z.string().optional(),
  event_id: z.string().optional(),
  'cognito:groups': groupsArray.optional(),
});

/**
 * A Cognito ID token's payload as AWS issues it: identity claims, `aud` = app client id, the user's
 * attributes (`email_verified` a boolean, `custom:*` always strings).
 */
export const IdTokenClaimsSchema = CommonClaimsSchema.extend({
  token_use: z.literal('id'),
  aud: z.string().min(1),
  'cognito:username': z.string().min(1),
  email: z.string().optional(),
  email_verified: z.boolean().optional(),
  phone_number: z.string().optional(),
  phone_number_verified: z.boolean().optional(),
  name: z.string().optional(),
  [CustomClaims.displayName]: z.string().optional(),
  [CustomClaims.role]: z.string().optional(),
});
export type IdTokenClaims = z.infer<typeof IdTokenClaimsSchema>;

/**
 * A user's Cognito access token payload: `client_id` (no `aud`), `scope`, `username`. Tokens from the
 * managed login page (authorization code grant) also carry `version: 2`.
 */
export const AccessTokenClaimsSchema = CommonClaimsSchema.extend({
  token_use: z.literal('access'),
  client_id: z.string().min(1),
  /** Space-separated scopes. */
  scope: z.string(),
  username: z.string().min(1),
  version: z.number().int().optional(),
  device_key: z.string().optional(),
  email: z.string().optional(),
  [CustomClaims.displayName]: z.string().optional(),
  [CustomClaims.role]: z.string().optional(),
});
export type AccessTokenClaims = z.infer<typeof AccessTokenClaimsSchema>;

/**
 * A service's access token, issued by the client credentials grant to a confidential app client: `sub` is
 * the client id, with `client_id`, `scope` (custom scopes only), `token_use: access`, `version: 2` and `jti`.
 * There is no `username`, no groups, and no ID or refresh token beside it. `auth_time` appears in captured
 * tokens but AWS documents no claim list for this grant, so it is optional here.
 */
export const ServiceAccessTokenClaimsSchema = z
  .looseObject({
    sub: z.string().min(1),
    iss: z.url(),
    iat: epochSeconds,
    exp: epochSeconds,
    auth_time: epochSeconds.optional(),
    jti: z.string().min(1),
    token_use: z.literal('access'),
    client_id: z.string().min(1),
    /** Space-separated scopes. */
    scope: z.string(),
    version: z.literal(2),
    username: z.never().optional(),
    'cognito:groups': z.never().optional(),
  })
  .refine((claims) => claims.sub === claims.client_id, {
    message: 'must equal client_id in a client-credentials token',
    path: ['sub'],
  });
export type ServiceAccessTokenClaims = z.infer<typeof ServiceAccessTokenClaimsSchema>;

/**
 * The claims as API Gateway's Cognito authorizer hands them to the Lambda in
 * `requestContext.authorizer.claims`: every value is a string. Numbers become decimal strings
 * (`auth_time`), booleans `"true"`/`"false"`, `exp`/`iat` Java date strings
 * (`"Tue Jun 18 15:00:04 UTC 2024"`), and `cognito:groups` a string of the group names. A service's
 * (client-credentials) claims have no `username`, and `sub` equals `client_id`.
 */
export const AuthorizerClaimsSchema = z
  .looseObject({
    sub: z.string().min(1),
    iss: z.string().min(1),
    token_use: z.enum(['id', 'access']),
    client_id: z.string().optional(),
    aud: z.string().optional(),
    username: z.string().optional(),
    'cognito:username': z.string().optional(),
    'cognito:groups': z.string().optional(),
    scope: z.string().optional(),
    version: z.string().optional(),
    jti: z.string().optional(),
    email: z.string().optional(),
    auth_time: z.string().optional(),
    exp: z.string().optional(),
    iat: z.string().optional(),
    [CustomClaims.displayName]: z.string().optional(),
    [CustomClaims.role]: z.string().optional(),
  })
  .catchall(z.string());
export type AuthorizerClaims = z.infer<typeof AuthorizerClaimsSchema>;

/**
 * Reads `cognito:groups` as API Gateway writes it into REST claims. AWS documents no format for
 * several groups; captures show a bare name for one group and a comma-separated list for several, and
 * some stacks see the bracketed `[a b]` form of HTTP APIs. All three are accepted; names are trimmed
 * and empty names dropped.
 */
export function parseGroupsClaim(value: string | undefined): string[] {
  if (value === undefined) return [];
  let text = value.trim();
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  const separator = text.includes(',') ? ',' : /\s+/;
  return text
    .split(separator)
    .map((g) => g.trim())
    .filter((g) => g.length > 0);
}
