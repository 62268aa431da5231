import { invalidParameter } from './cognito-error.js';
import type { Authenticated } from './domain/token-service.js';
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
export type RequiredOf<S extends InputSpec> = {
  [K in keyof S]: S[K] extends { required: true } ? K : never;
}[keyof S];

/**
 * An AWS SDK request type as an operation sees it once its spec passed: the members the spec requires are
 * present (the SDK types them `T | undefined`, since it cannot know).
 */
export type Checked<Req, K extends PropertyKey> = Omit<Req, K & keyof Req> & {
  [P in K & keyof Req]-?: NonNullable<Req[P]>;
};

/** A spec for the SDK request `Req`: it may name only members of that request. */
export type SpecFor<Req, S extends InputSpec> = S & {
  [K in keyof S]: K extends keyof Req ? FieldSpec : never;
};

/**
 * What an operation's handler returns: the SDK response, at once or later. Where the response has no required
 * members, the handler may return nothing, and the operation answers `{}` as AWS does (AdminDeleteUser…).
 */
export type Answer<Res> =
  Record<never, never> extends Res
    ? // biome-ignore lint/suspicious/noConfusingVoidType: a handler with nothing to answer has no return statement, which TypeScript types as void
      Promise<Res | void> | Res | void
    : Promise<Res> | Res;

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
    spec: SpecFor<Req, S>,
    handler: (services: Services, input: Checked<Req, RequiredOf<S>>) => Answer<Res>,
  ): CognitoOperation => ({
    name,
    auth,
    run: async (services, input) =>
      (await handler(services, validateInput(input, spec) as unknown as Checked<Req, RequiredOf<S>>)) ?? {},
  });
}

/**
 * Makes a declaration helper for the operations that start by finding what their input names: a pool, a
 * user, the caller of an access token. `find` runs once the input has passed its spec (which must list the
 * members `find` reads, as required) and before the handler, which is given what it found:
 * `poolOperation<Req, Res>()(name, spec, (services, pool, input) => …)`. An error `find` throws
 * (ResourceNotFoundException…) is the operation's answer.
 */
export function targetedOperation<In extends object, Target>(
  auth: 'sigv4' | 'none',
  find: (services: Services, input: In) => Target,
) {
  return <Req extends object, Res extends object = Record<string, unknown>>() =>
    <S extends InputSpec & { [K in keyof In]: FieldSpec }>(
      name: string,
      spec: SpecFor<Req, S>,
      handler: (services: Services, target: Target, input: Checked<Req, RequiredOf<S>>) => Answer<Res>,
    ): CognitoOperation =>
      sdkOperation<Req, Res>()(name, auth, spec, (services, input) =>
        handler(services, find(services, input as unknown as In), input),
      );
}

/**
 * Declares a public operation of a signed-in user (GetUser, ChangePassword…): its spec has `AccessToken`, and
 * the handler is given the caller the token names, authenticated before it runs (`NotAuthorizedException`
 * for a token that is invalid, expired or signed out).
 */
export const signedInOperation = targetedOperation(
  'none',
  (services, input: { AccessToken: string }): Authenticated =>
    services.tokens.authenticate(input.AccessToken),
);

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

/**
 * A list operation's answer: one page of `items`, each described by `describe`, under the member `list`, and
 * the token of the next page under `tokenKey` (`NextToken` unless the operation names it otherwise, as
 * ListUsers does with `PaginationToken`) when there is a next page.
 */
export function paged<T, U, K extends string, N extends string = 'NextToken'>(
  items: T[],
  describe: (item: T) => U,
  page: { list: K; limit: number | undefined; token: string | undefined; tokenKey?: N },
): { [P in K]: U[] } & { [P in N]?: string } {
  const { page: slice, next } = paginate(items, page.limit, page.token);
  const answer: Record<string, unknown> = { [page.list]: slice.map((item) => describe(item)) };
  if (next !== undefined) answer[page.tokenKey ?? 'NextToken'] = next;
  return answer as { [P in K]: U[] } & { [P in N]?: string };
}

/** Epoch seconds with a fraction, as Cognito writes dates (`1.684427979201E9`). */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}
