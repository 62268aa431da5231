import { randomInt } from 'node:crypto';
import type { CognitoContext } from './cognito-context.js';
import { invalidParameter } from './cognito-error.js';
import { type InputSpec, type ValidInput, validateInput } from './input-validation.js';

/** One AWS operation: whether it needs a SigV4-signed request, and what it does with its checked input. */
export interface CognitoOperation {
  /** `sigv4`: IAM-authorized on AWS (Admin*, pool management, ListUsers…); `none`: public (token or password based). */
  auth: 'sigv4' | 'none';
  run(ctx: CognitoContext, input: unknown): Promise<Record<string, unknown>>;
}

/** Declares an operation whose input is checked against `spec` before `handler` runs. */
export function operation<S extends InputSpec>(
  auth: 'sigv4' | 'none',
  spec: S,
  handler: (
    ctx: CognitoContext,
    input: ValidInput<S>,
  ) => Promise<Record<string, unknown>> | Record<string, unknown>,
): CognitoOperation {
  return {
    auth,
    run: async (ctx, input) => handler(ctx, validateInput(input, spec)),
  };
}

/**
 * One page of `items` and the token of the next. Tokens are opaque to callers (base64 of an offset); a token
 * that does not parse is refused as AWS refuses a foreign one.
 */
export function paginate<T>(
  items: T[],
  limit: number | undefined,
  token: string | undefined,
  defaultLimit = 60,
): { page: T[]; next?: string } {
  let offset = 0;
  if (token !== undefined) {
    const parsed = Number(Buffer.from(token, 'base64url').toString('utf8').replace(/^o:/, ''));
    if (
      !Buffer.from(token, 'base64url').toString('utf8').startsWith('o:') ||
      !Number.isInteger(parsed) ||
      parsed < 0
    ) {
      throw invalidParameter('Invalid pagination token.');
    }
    offset = parsed;
  }
  const size = limit === undefined || limit === 0 ? defaultLimit : limit;
  const page = items.slice(offset, offset + size);
  const end = offset + page.length;
  return end < items.length ? { page, next: Buffer.from(`o:${end}`).toString('base64url') } : { page };
}

/** Epoch seconds with a fraction, as Cognito writes dates (`1.684427979201E9`). */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}

/** Letters and digits, for pool ids (`us-east-1_AbC123xyz`). */
export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Lower-case letters and digits, for client ids and secrets. */
export const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `length` characters drawn uniformly from `alphabet` with a cryptographic generator. */
export function randomString(alphabet: string, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[randomInt(alphabet.length)];
  return s;
}
