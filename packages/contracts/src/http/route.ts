import type { z } from 'zod';
import { checkAccess, type RouteAccess } from './route-access.js';

/** HTTP methods a route may use. API Gateway's `ANY` is deliberately not offered: every route is explicit. */
export const HttpMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HttpMethods)[number];

/** A response schema per status code; `null` means the status has no body (e.g. 204). */
export type RouteResponses = { readonly [status: number]: z.ZodType | null };

/** One REST route, declared as plain data that the api, the client, the CDK stack and OpenAPI all read. */
export interface RouteDefinition {
  /** `<group>.<action>`, equal to the route's place in the contract (checked by `defineContract`). */
  readonly name: string;
  readonly method: HttpMethod;
  /** API-Gateway-style path: literal segments and `{param}` placeholders, e.g. `/notes/{noteId}`. */
  readonly path: string;
  readonly summary: string;
  readonly access: RouteAccess;
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  /** Request headers the route reads, with lower-case names. */
  readonly headers?: z.ZodObject;
  readonly body?: z.ZodType;
  /** The status the route answers with on success. */
  readonly successStatus: number;
  readonly responses: RouteResponses;
}

/** A contract is a two-level map: group → action → route (`contract.notes.list`). */
export type ContractDefinition = { readonly [group: string]: { readonly [action: string]: RouteDefinition } };

/** Keeps a route's literal types (method, path, schemas) so that consumers infer precise types from it. */
export function defineRoute<const R extends RouteDefinition>(route: R): R {
  const placeholders = [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
  const declared = route.params ? Object.keys(route.params.shape) : [];
  const missing = placeholders.filter((p) => !declared.includes(p));
  const extra = declared.filter((p) => !placeholders.includes(p));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(
      `Route ${route.name}: path ${route.path} and params disagree (missing: ${missing.join(', ') || 'none'}; not in path: ${extra.join(', ') || 'none'})`,
    );
  }
  checkAccess(route.name, route.access);
  if (!(route.successStatus in route.responses)) {
    throw new Error(`Route ${route.name}: success status ${route.successStatus} has no response schema`);
  }
  return route;
}

/** Checks that each route's `name` is its place in the contract and that no method+path is declared twice. */
export function defineContract<const C extends ContractDefinition>(contract: C): C {
  const seen = new Map<string, string>();
  for (const { name, route } of listRoutes(contract)) {
    if (route.name !== name) throw new Error(`Route at ${name} is named ${route.name}`);
    const key = `${route.method} ${route.path}`;
    const other = seen.get(key);
    if (other) throw new Error(`Routes ${other} and ${name} both declare ${key}`);
    seen.set(key, name);
  }
  return contract;
}

/** Every route of a contract with its `<group>.<action>` name, in declaration order. */
export function listRoutes(contract: ContractDefinition): { name: string; route: RouteDefinition }[] {
  return Object.entries(contract).flatMap(([group, actions]) =>
    Object.entries(actions).map(([action, route]) => ({ name: `${group}.${action}`, route })),
  );
}

/** True when calling the route needs a Cognito access token. */
export function isProtected(route: RouteDefinition): boolean {
  return route.access.kind !== 'public';
}

type SchemaInput<S> = S extends z.ZodType ? z.input<S> : undefined;
type SchemaOutput<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a caller passes for a route's path parameters, as the client accepts them. */
export type RouteParamsInput<R extends RouteDefinition> = SchemaInput<R['params']>;
/** What a caller passes as a route's query. */
export type RouteQueryInput<R extends RouteDefinition> = SchemaInput<R['query']>;
/** What a caller passes as a route's JSON body. */
export type RouteBodyInput<R extends RouteDefinition> = SchemaInput<R['body']>;
/** What a caller passes as a route's headers. */
export type RouteHeadersInput<R extends RouteDefinition> = SchemaInput<R['headers']>;

/** The validated values a handler receives. */
export type RouteParams<R extends RouteDefinition> = SchemaOutput<R['params']>;
export type RouteQuery<R extends RouteDefinition> = SchemaOutput<R['query']>;
export type RouteBody<R extends RouteDefinition> = SchemaOutput<R['body']>;
export type RouteHeaders<R extends RouteDefinition> = SchemaOutput<R['headers']>;

/** The union of every `{ status, body }` a route may answer with. */
export type RouteResponse<R extends RouteDefinition> = {
  [S in keyof R['responses'] & number]: {
    status: S;
    body: R['responses'][S] extends z.ZodType ? z.output<R['responses'][S]> : undefined;
  };
}[keyof R['responses'] & number];

/** The route's success body. */
export type RouteSuccessBody<R extends RouteDefinition> = Extract<
  RouteResponse<R>,
  { status: R['successStatus'] }
>['body'];
