import { apiContract, listRoutes } from '@org/contracts';

/** One matcher per route of the contract: its method, and its path with each `{param}` as one segment. */
const matchers = listRoutes(apiContract).map(({ name, route }) => ({
  name,
  method: route.method,
  pattern: new RegExp(`^${route.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

/**
 * Records which routes of the contract the suite reached, through the `fetch` the client is given, so that a
 * route added to the contract fails the suite until a flow calls it.
 */
export class RouteCoverage {
  readonly #reached = new Set<string>();

  constructor(private readonly apiUrl: string) {}

  /** A `fetch` that notes the route of each API call and then makes it. */
  readonly fetch: typeof fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    if (url.startsWith(this.apiUrl)) {
      const path = `/${new URL(url).pathname.slice(new URL(this.apiUrl).pathname.length)}`;
      const route = matchers.find((m) => m.method === method && m.pattern.test(path));
      if (route) this.#reached.add(route.name);
    }
    return globalThis.fetch(input, init);
  };

  /** The contract's routes no call has reached yet, by name. */
  missing(): string[] {
    return matchers.map((m) => m.name).filter((name) => !this.#reached.has(name));
  }
}
