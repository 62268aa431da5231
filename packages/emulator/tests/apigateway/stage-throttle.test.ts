import { describe, expect, it } from 'vitest';
import { locateStage } from '../../src/apigateway/locate-stage.js';
import { matchRoute } from '../../src/apigateway/match-route.js';
import { StageThrottle } from '../../src/apigateway/stage-throttle.js';
import { scopeFor, testDeployment } from './support/gateway-steps.js';
import { makeKey } from './support/test-api.js';

const key = makeKey();
const routed = (deployment: ReturnType<typeof testDeployment>['deployment'], method: string, url: string) => {
  const scope = scopeFor(method, url);
  locateStage(scope, deployment);
  matchRoute(scope);
  return scope;
};

describe('StageThrottle', () => {
  it('lets every request through on a stage without throttling', () => {
    const { deployment, clock } = testDeployment(key);
    const throttle = new StageThrottle(() => clock.now);
    for (let i = 0; i < 50; i += 1)
      expect(throttle.check(routed(deployment, 'GET', '/prod/health'))).toBeUndefined();
  });

  it('refuses with 429 once the burst is spent, per method, until the bucket refills', () => {
    const { deployment, clock } = testDeployment(key, { throttle: { rate: 1, burst: 2 } });
    const throttle = new StageThrottle(() => clock.now);
    const health = () => throttle.check(routed(deployment, 'GET', '/prod/health'));
    expect([health(), health(), health()]).toEqual([
      undefined,
      undefined,
      { type: 'THROTTLED', message: 'Too Many Requests' },
    ]);
    expect(throttle.check(routed(deployment, 'GET', '/prod/files/a'))).toBeUndefined();
    clock.now += 1000;
    expect(health()).toBeUndefined();
    expect(health()).toMatchObject({ type: 'THROTTLED' });
  });
});
