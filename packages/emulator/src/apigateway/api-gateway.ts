import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { httpUrl, listenHttp } from '../shared/http-listener.js';
import { ApiGatewayStateError } from './api-gateway-error.js';
import { type GatewayAnswer, INTERNAL_ERROR_BODY } from './gateway-answer.js';
import { deployGateway } from './gateway-deployment.js';
import { type GatewayEnvironment, runPipeline } from './gateway-pipeline.js';
import type { ApiGateway, ApiGatewayOptions } from './gateway-types.js';
import { sendAnswer } from './render-answer.js';
import { RequestScope } from './request-scope.js';
import { StageThrottle } from './stage-throttle.js';

const INTERNAL_ERROR_ANSWER: GatewayAnswer = {
  status: 500,
  headers: [['Content-Type', 'application/json']],
  body: INTERNAL_ERROR_BODY,
};

/** Node's own parser limit, raised so requests between AWS's 10,240 bytes and this get AWS's answer, not Node's 431. */
const NODE_MAX_HEADER_SIZE = 64 * 1024;

/**
 * Creates a local API Gateway for the REST APIs in `options.resources`: route matching, the Cognito user pool
 * authorizer, Lambda proxy and MOCK integrations, stage throttling and the API's gateway responses. Each
 * request runs through the steps of `runPipeline` with one `RequestScope`.
 *
 * A request is served at `http://<host>:<port>/<stage>/<path>` when only one API has that stage, and always at
 * `http://<host>:<port>/restapis/<restApiId>/<stage>/_user_request_/<path>`.
 *
 * @example
 * const gateway = createApiGateway({ resources, invokeLambda, userPool, region: 'us-east-1', accountId, log });
 * const { url } = await gateway.listen(0);
 */
export function createApiGateway(options: ApiGatewayOptions): ApiGateway {
  const { log } = options;
  const now = options.now ?? Date.now;
  const authorizerDeps = { userPool: options.userPool, now, log };
  const env: GatewayEnvironment = {
    deployment: deployGateway(options.resources, authorizerDeps),
    throttle: new StageThrottle(now),
    invokeLambda: options.invokeLambda,
    accountId: options.accountId,
    log,
    now,
  };
  let server: Server | undefined;
  let baseUrl: string | undefined;
  let port = 0;

  function onRequest(req: IncomingMessage, res: ServerResponse): void {
    const scope = new RequestScope(
      randomUUID(),
      req.method ?? 'GET',
      req.url ?? '/',
      req.rawHeaders,
      req.socket.remoteAddress,
      port,
      req,
    );
    void serve(scope, res, now());
  }

  /** Runs the pipeline and sends its answer; an async function rather than promise callbacks per request. */
  async function serve(scope: RequestScope, res: ServerResponse, started: number): Promise<void> {
    try {
      const answer = await runPipeline(scope, env);
      sendAnswer(res, answer, scope.rawMethod === 'HEAD', log);
      log.info(`${scope.rawMethod} ${scope.pathname} → ${answer.status} (${now() - started} ms)`);
    } catch (err) {
      // Nothing a request does may take the gateway down: answer 500 and log what happened.
      log.error(`${scope.rawMethod} ${scope.pathname}: ${(err as Error).stack ?? String(err)}`);
      if (res.headersSent) res.destroy();
      else sendAnswer(res, INTERNAL_ERROR_ANSWER, false, log);
    }
  }

  return {
    async listen(listenPort: number, host = '127.0.0.1') {
      if (server) throw new ApiGatewayStateError('The API gateway is already listening');
      const s = createServer({ keepAlive: true, maxHeaderSize: NODE_MAX_HEADER_SIZE }, onRequest);
      s.keepAliveTimeout = 5000;
      port = await listenHttp(s, listenPort, host);
      server = s;
      baseUrl = httpUrl(host, port);
      return { url: baseUrl, port };
    },

    update(resources) {
      env.deployment = deployGateway(resources, authorizerDeps);
    },

    localUrl(restApiId, stageName) {
      if (baseUrl === undefined)
        throw new ApiGatewayStateError('localUrl() needs the gateway to be listening');
      const api = env.deployment.apis.get(restApiId);
      if (!api?.stages.has(stageName)) {
        throw new ApiGatewayStateError(`No stage ${stageName} on REST API ${restApiId}`);
      }
      const owners = env.deployment.stageOwners.get(stageName) ?? [];
      return owners.length === 1
        ? `${baseUrl}/${stageName}/`
        : `${baseUrl}/restapis/${restApiId}/${stageName}/_user_request_/`;
    },

    async close() {
      const s = server;
      server = undefined;
      baseUrl = undefined;
      if (!s) return;
      await new Promise<void>((resolve) => {
        s.close(() => resolve());
        s.closeAllConnections();
      });
    },
  };
}
