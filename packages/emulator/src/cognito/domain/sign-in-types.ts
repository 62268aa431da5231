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

/** A parameter of AuthParameters/ChallengeResponses that must be present and non-empty. */
export function requireParam(params: Record<string, string>, name: string): string {
  const v = params[name];
  if (v === undefined || v === '') throw invalidParameter(`Missing required parameter ${name}`);
  return v;
}
