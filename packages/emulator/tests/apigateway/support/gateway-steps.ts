import { Readable } from 'node:stream';
import { deployGateway, type GatewayDeployment } from '../../../src/apigateway/gateway-deployment.js';
import { RequestScope } from '../../../src/apigateway/request-scope.js';
import { createMemoryLogger } from '../../../src/logger.js';
import {
  POOL_ARN,
  POOL_ID,
  type TestApiOptions,
  type TestKey,
  testApiResources,
  testPool,
} from './test-api.js';

/** A request as a step sees it, without a server: the body is a stream of the given bytes. */
export function scopeFor(
  method: string,
  url: string,
  headers: [string, string][] = [],
  body: Buffer | string = '',
): RequestScope {
  const incoming = Readable.from(body === '' ? [] : [Buffer.from(body)]);
  return new RequestScope('req-1', method, url, headers.flat(), '::ffff:127.0.0.1', 3000, incoming);
}

/** The test API deployed as the gateway deploys it, with the pool's keys and a settable clock. */
export function testDeployment(key: TestKey, options: TestApiOptions = {}) {
  const log = createMemoryLogger();
  const clock = { now: Date.now() };
  const deployment: GatewayDeployment = deployGateway(testApiResources(options), {
    userPool: (arn) => (arn === POOL_ARN ? testPool(POOL_ID, [key]) : undefined),
    now: () => clock.now,
    log,
  });
  return { deployment, log, clock };
}
