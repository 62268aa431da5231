import type { EmulatorLogger } from '../logger.js';
import { authorizeRequest } from './authorize-request.js';
import type { GatewayAnswer } from './gateway-answer.js';
import type { GatewayDeployment } from './gateway-deployment.js';
import type { GatewayError } from './gateway-responses.js';
import { checkHeaderLimit } from './header-limit.js';
import { integrateRequest } from './integrate-request.js';
import type { LambdaProxyEnvironment } from './lambda-proxy-integration.js';
import { locateStage } from './locate-stage.js';
import { matchRoute } from './match-route.js';
import { readRequestBody } from './read-body.js';
import { renderError } from './render-answer.js';
import type { RequestScope } from './request-scope.js';
import type { StageThrottle } from './stage-throttle.js';

/** What the steps share for the gateway's lifetime (the deployment changes on `update`). */
export interface GatewayEnvironment extends LambdaProxyEnvironment {
  deployment: GatewayDeployment;
  throttle: StageThrottle;
  log: EmulatorLogger;
}

/** Synchronous steps are not awaited, so they add no microtask to the request. */
const isPromise = <T>(v: T | Promise<T>): v is Promise<T> => v instanceof Promise;

/**
 * One request through the gateway's steps, in API Gateway's order: header limit → locate stage → read body →
 * match route → throttle → authorize → integrate → render. Each step reads and fills the scope and either
 * passes (undefined) or refuses with the gateway error to answer; only the body and (some) authorizers and
 * integrations wait.
 */
export async function runPipeline(scope: RequestScope, env: GatewayEnvironment): Promise<GatewayAnswer> {
  const tooLarge = checkHeaderLimit(scope);
  if (tooLarge) return tooLarge;
  let refused: GatewayError | undefined = locateStage(scope, env.deployment);
  if (!refused) refused = await readRequestBody(scope);
  if (!refused) refused = matchRoute(scope) ?? env.throttle.check(scope);
  if (!refused) {
    const decided = authorizeRequest(scope, env.deployment, env.log);
    refused = isPromise(decided) ? await decided : decided;
  }
  if (refused) return renderError(refused, scope);
  const integrated = integrateRequest(scope, env);
  const outcome = isPromise(integrated) ? await integrated : integrated;
  return 'type' in outcome ? renderError(outcome, scope) : outcome;
}
