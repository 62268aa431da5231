import type {
  ContractDefinition,
  RouteBodyInput,
  RouteDefinition,
  RouteHeadersInput,
  RouteParamsInput,
  RouteQueryInput,
  RouteSuccessBody,
} from '@org/contracts';
import type { CallOptions } from './route-caller.js';

/** No fields; `Record<never, never>` rather than `{}` so that it reads as "an empty object". */
type NoFields = Record<never, never>;
type Simplify<T> = { [K in keyof T]: T[K] };
type Fields<T> = [T] extends [undefined] ? NoFields : T;
type BodyField<R extends RouteDefinition> = [RouteBodyInput<R>] extends [undefined]
  ? NoFields
  : { body: RouteBodyInput<R> };
type HeadersField<R extends RouteDefinition> = [RouteHeadersInput<R>] extends [undefined]
  ? NoFields
  : NoFields extends RouteHeadersInput<R>
    ? { headers?: RouteHeadersInput<R> }
    : { headers: RouteHeadersInput<R> };

/**
 * What a route method takes: path parameters and query fields by name, the JSON body as `body` and
 * request headers as `headers`, e.g. `{ noteId, body: { title, expectedVersion } }`.
 */
export type RouteInput<R extends RouteDefinition> = Simplify<
  Fields<RouteParamsInput<R>> & Fields<RouteQueryInput<R>> & BodyField<R> & HeadersField<R>
>;

/** The method for one route; the input is optional when every field of it is. */
export type RouteMethod<R extends RouteDefinition> =
  NoFields extends RouteInput<R>
    ? (input?: RouteInput<R>, options?: CallOptions) => Promise<RouteSuccessBody<R>>
    : (input: RouteInput<R>, options?: CallOptions) => Promise<RouteSuccessBody<R>>;

/** One method per route of the contract, grouped as the contract is: `client.notes.list(...)`. */
export type RouteMethods<C extends ContractDefinition> = {
  readonly [G in keyof C]: { readonly [A in keyof C[G]]: RouteMethod<C[G][A]> };
};

export type RouteInvoker = (
  route: RouteDefinition,
  input: Readonly<Record<string, unknown>>,
  options: CallOptions,
) => Promise<unknown>;

/** Builds the route methods of a contract over one invoker. */
export function createRouteMethods<C extends ContractDefinition>(
  contract: C,
  invoke: RouteInvoker,
): RouteMethods<C> {
  const groups: Record<string, Record<string, unknown>> = {};
  for (const [group, actions] of Object.entries(contract)) {
    const methods: Record<string, unknown> = {};
    for (const [action, route] of Object.entries(actions)) {
      methods[action] = (input: Readonly<Record<string, unknown>> = {}, options: CallOptions = {}) =>
        invoke(route, input, options);
    }
    groups[group] = Object.freeze(methods);
  }
  return groups as RouteMethods<C>;
}
