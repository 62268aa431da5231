import { describe, expect, it } from 'vitest';
import { deployGateway } from '../../src/apigateway/gateway-deployment.js';
import { locateStage } from '../../src/apigateway/locate-stage.js';
import type { ResolvedResource } from '../../src/assembly/resolved-resource.js';
import { silentLogger } from '../../src/logger.js';
import { scopeFor, testDeployment } from './support/gateway-steps.js';
import { API_ID, makeKey } from './support/test-api.js';

const { deployment } = testDeployment(makeKey());

describe('locateStage', () => {
  it.each([
    ['/prod/notes/a', '/notes/a'],
    ['/prod', '/'],
    ['/prod/', '/'],
    [`/restapis/${API_ID}/prod/_user_request_/health`, '/health'],
    [`/restapis/${API_ID}/prod/_user_request_`, '/'],
  ])('finds the stage of %s and the path after it (%s)', (url, rest) => {
    const scope = scopeFor('GET', url);
    expect(locateStage(scope, deployment)).toBeUndefined();
    expect(scope.api?.id).toBe(API_ID);
    expect(scope.stage).toBe('prod');
    expect(scope.stageVariables).toEqual({ tier: 'test' });
    expect(scope.rest).toBe(rest);
  });

  it.each([
    ['/staging/notes', 'staging'],
    ['/%E0%A4%A/x', '%E0%A4%A'],
    ['/toString/x', 'toString'],
    ['/restapis/nope/prod/_user_request_/x', 'prod'],
    [`/restapis/${API_ID}/dev/_user_request_/x`, 'dev'],
  ])('refuses %s with 403 Forbidden and keeps the stage name asked for', (url, stage) => {
    const scope = scopeFor('GET', url);
    expect(locateStage(scope, deployment)).toEqual({
      type: 'MISSING_AUTHENTICATION_TOKEN',
      message: 'Forbidden',
    });
    expect(scope.api).toBeUndefined();
    expect(scope.stage).toBe(stage);
  });

  it('serves a stage two APIs share only under /restapis/<id>/', () => {
    const api = (id: string): ResolvedResource[] => [
      {
        logicalId: `${id}Api`,
        type: 'AWS::ApiGateway::RestApi',
        physicalId: id,
        properties: {},
        attributes: { RootResourceId: `${id}-root` },
      },
      {
        logicalId: `${id}Stage`,
        type: 'AWS::ApiGateway::Stage',
        physicalId: `${id}-prod`,
        properties: { RestApiId: id, StageName: 'prod', DeploymentId: 'd' },
        attributes: {},
      },
    ];
    const twoApis = deployGateway([...api('one'), ...api('two')], {
      userPool: () => undefined,
      now: Date.now,
      log: silentLogger,
    });
    expect(locateStage(scopeFor('GET', '/prod/health'), twoApis)).toMatchObject({ message: 'Forbidden' });
    const scope = scopeFor('GET', '/restapis/two/prod/_user_request_/health');
    expect(locateStage(scope, twoApis)).toBeUndefined();
    expect(scope.api?.id).toBe('two');
  });
});
