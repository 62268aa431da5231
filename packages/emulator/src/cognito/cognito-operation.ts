import { invalidParameter } from './cognito-error.js';
import { type FieldSpec, type InputSpec, validateInput } from './input-validation.js';
import type { Services } from './services.js';

/** One AWS operation: whether it needs a SigV4-signed request, and what it does with its checked input. */
export interface CognitoOperation {
  /** AWS's name of the operation (`SignUp`), as `X-Amz-Target` names it. */
  name: string;
  /** `sigv4`: IAM-authorized on AWS (Admin*, pool management, ListUsers…); `none`: public (token or password based). */
  auth: 'sigv4' | 'none';
  run(services: Services, input: unknown): Promise<object>;
}

/** The members a spec marks required. */
type RequiredOf<S extends InputSpec> = {
  [K in keyof S]: S[K] extends { required: true } ? K : never;
}[keyof S];

/**
 * An AWS SDK request type as an operation sees it once its spec passed: the members the spec requires are
 * present (the SDK types them `T | undefined`, since it cannot know).
 */
export type Checked<Req, K extends PropertyKey> = Omit<Req, K & keyof Req> & {
  [P in K & keyof Req]-?: NonNullable<Req[P]>;
};

/**
 * Declares an operation typed with the AWS SDK's own request and response shapes
 * (`sdkOperation<SignUpRequest, SignUpResponse>()('SignUp', auth, spec, handler)`). The spec may name only members of
 * the SDK request; the handler sees the request with the spec's required members present. The JSON types
 * of the members are the spec's to check at run time; the SDK types say what they are.
 */
export function sdkOperation<Req extends object, Res extends object = Record<string, unknown>>() {
  return <S extends InputSpec>(
    name: string,
    auth: 'sigv4' | 'none',
    spec: S & { [K in keyof S]: K extends keyof Req ? FieldSpec : never },
    handler: (services: Services, input: Checked<Req, RequiredOf<S>>) => Promise<Res> | Res,
  ): CognitoOperation => ({
    name,
    auth,
    run: async (services, input) =>
      handler(services, validateInput(input, spec) as unknown as Checked<Req, RequiredOf<S>>),
  });
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
