import type { RouteDefinition } from '@org/contracts';
import { ResponseContractError } from '../errors/api-error.js';

/**
 * Checks a response against what its route declares: the status must be listed and the body must
 * match that status's schema (no body for a `null` schema).
 * @throws ResponseContractError describing the mismatch.
 */
export function checkResponse(route: RouteDefinition, status: number, body: unknown): void {
  if (!Object.hasOwn(route.responses, status)) {
    throw new ResponseContractError(`${route.name} answered ${status}, which its route does not declare`);
  }
  const schema = route.responses[status];
  if (schema === null || schema === undefined) {
    if (body !== undefined) throw new ResponseContractError(`${route.name} answered ${status} with a body`);
    return;
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    const problems = result.error.issues
      .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
      .join('; ');
    throw new ResponseContractError(`${route.name} answered ${status} with a body off contract: ${problems}`);
  }
}
