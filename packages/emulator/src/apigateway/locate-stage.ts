import type { GatewayDeployment } from './gateway-deployment.js';
import type { GatewayError } from './gateway-responses.js';
import type { RequestScope } from './request-scope.js';

/**
 * An unknown stage is refused before any API is involved. [?] AWS answers `{"message":"Forbidden"}` here in
 * our experience; it is not documented.
 */
const NO_SUCH_STAGE: GatewayError = Object.freeze({
  type: 'MISSING_AUTHENTICATION_TOKEN',
  message: 'Forbidden',
});

const LONG_FORM = /^\/restapis\/([^/]+)\/([^/]+)\/_user_request_(\/.*)?$/;

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Finds the API and stage a path addresses, `/<stage>/rest` (served when exactly one API has that stage) or
 * `/restapis/<id>/<stage>/_user_request_/rest`, and records them (and the rest of the path) in the scope.
 */
export function locateStage(scope: RequestScope, deployment: GatewayDeployment): GatewayError | undefined {
  const pathname = scope.pathname;
  const long = LONG_FORM.exec(pathname);
  if (long) {
    const api = deployment.apis.get(long[1]!);
    const stage = api?.stages.get(long[2]!);
    scope.stage = long[2]!;
    if (!api || !stage) return NO_SUCH_STAGE;
    scope.api = api;
    scope.stageModel = stage;
    scope.stageVariables = stage.variables;
    scope.rest = long[3] ?? '/';
    return undefined;
  }
  const slash = pathname.indexOf('/', 1);
  const stageName = safeDecode(slash === -1 ? pathname.slice(1) : pathname.slice(1, slash));
  scope.stage = stageName;
  const owners = deployment.stageOwners.get(stageName);
  const api = owners?.length === 1 ? owners[0] : undefined;
  const stage = api?.stages.get(stageName);
  if (!api || !stage) return NO_SUCH_STAGE;
  scope.api = api;
  scope.stageModel = stage;
  scope.stageVariables = stage.variables;
  scope.rest = slash === -1 ? '/' : pathname.slice(slash);
  return undefined;
}
