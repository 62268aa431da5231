import { type ContractDefinition, listRoutes, type RouteDefinition } from '@org/contracts';

/** A contract route ready for matching. */
export interface CompiledRoute {
  readonly name: string;
  readonly group: string;
  readonly action: string;
  readonly route: RouteDefinition;
  readonly segments: readonly string[];
}

/** The outcome of matching a request against the contract. */
export type RouteMatch =
  | { readonly kind: 'route'; readonly route: CompiledRoute; readonly params: Record<string, string> }
  | { readonly kind: 'preflight'; readonly methods: readonly string[] }
  | { readonly kind: 'method-not-allowed'; readonly methods: readonly string[] }
  | { readonly kind: 'not-found' };

/** The parts of a REST (v1) proxy event that select a route. */
export interface RouteTarget {
  readonly httpMethod: string;
  /** The API Gateway resource that matched, e.g. `/notes/{noteId}` (absent when invoked directly). */
  readonly resource: string | null | undefined;
  readonly path: string;
  readonly pathParameters: Readonly<Record<string, string | undefined>> | null | undefined;
}

const splitPath = (path: string) => path.split('/').filter((s) => s.length > 0);
const isPlaceholder = (segment: string) => segment.startsWith('{') && segment.endsWith('}');

/**
 * Matches requests to the routes of a contract. The gateway declares one resource per route, so the
 * event's `resource` names the route's path template exactly; the request path is matched segment by
 * segment only when it does not (a direct invocation, or a `{proxy+}` resource).
 */
export class RouteMatcher {
  readonly #routes: readonly CompiledRoute[];

  constructor(contract: ContractDefinition) {
    this.#routes = listRoutes(contract).map(({ name, route }) => {
      const [group = '', action = ''] = name.split('.');
      return { name, group, action, route, segments: splitPath(route.path) };
    });
  }

  get routes(): readonly CompiledRoute[] {
    return this.#routes;
  }

  match(target: RouteTarget): RouteMatch {
    const byResource = this.#routes.filter((r) => r.route.path === target.resource);
    const candidates =
      byResource.length > 0 ? byResource : this.#routes.filter((r) => pathParams(r, target.path));
    if (candidates.length === 0) return { kind: 'not-found' };
    const method = target.httpMethod.toUpperCase();
    const route = candidates.find((r) => r.route.method === method);
    const methods = candidates.map((r) => r.route.method);
    if (!route)
      return method === 'OPTIONS' ? { kind: 'preflight', methods } : { kind: 'method-not-allowed', methods };
    const params =
      byResource.length > 0
        ? fromEvent(route, target.pathParameters)
        : (pathParams(route, target.path) ?? {});
    return { kind: 'route', route, params };
  }
}

function fromEvent(
  route: CompiledRoute,
  pathParameters: Readonly<Record<string, string | undefined>> | null | undefined,
): Record<string, string> {
  const params: Record<string, string> = {};
  for (const segment of route.segments) {
    if (!isPlaceholder(segment)) continue;
    const name = segment.slice(1, -1);
    const value = pathParameters?.[name];
    if (value !== undefined) params[name] = value;
  }
  return params;
}

function pathParams(route: CompiledRoute, path: string): Record<string, string> | undefined {
  const segments = splitPath(path);
  if (segments.length !== route.segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, template] of route.segments.entries()) {
    const segment = segments[i] ?? '';
    if (isPlaceholder(template)) {
      params[template.slice(1, -1)] = safeDecode(segment);
    } else if (template !== segment) {
      return undefined;
    }
  }
  return params;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A malformed escape stays as sent; the params schema then reports it as an invalid value.
    return segment;
  }
}
