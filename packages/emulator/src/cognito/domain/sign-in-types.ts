import { invalidParameter } from '../cognito-error.js';
import type { UserPool, UserPoolClient } from '../cognito-types.js';
import type { Services } from '../services.js';

/** What a sign-in step answers: a challenge, or `AuthenticationResult`. */
export type AuthResponse = Record<string, unknown>;

/** What the sign-in flows use. */
export type SignInServices = Pick<
  Services,
  'config' | 'users' | 'signIn' | 'tokens' | 'challenges' | 'delivery'
>;

/** Who is signing in, through which client, with what metadata. */
export interface SignInRequest {
  pool: UserPool;
  client: UserPoolClient;
  clientMetadata: Record<string, string> | undefined;
}

/**
 * A step of a sign-in that answers parameters in one round (USER_PASSWORD_AUTH's AuthParameters, the
 * PASSWORD_VERIFIER challenge's ChallengeResponses) with a challenge or tokens.
 */
export type SignInStep = (
  s: SignInServices,
  req: SignInRequest,
  params: Record<string, string>,
) => Promise<AuthResponse>;

/** A parameter of AuthParameters/ChallengeResponses that must be present and non-empty. */
export function requireParam(params: Record<string, string>, name: string): string {
  const v = params[name];
  if (v === undefined || v === '') throw invalidParameter(`Missing required parameter ${name}`);
  return v;
}

/** The parameters `names` of AuthParameters/ChallengeResponses, in order; the first missing one is refused. */
export function requireParams<const N extends readonly string[]>(
  params: Record<string, string>,
  ...names: N
): { [K in keyof N]: string } {
  return names.map((name) => requireParam(params, name)) as { [K in keyof N]: string };
}
