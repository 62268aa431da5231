import { describe, expect, it } from 'vitest';
import { CognitoMethodAuthorizer } from '../../src/apigateway/cognito-method-authorizer.js';
import { deployGateway } from '../../src/apigateway/gateway-deployment.js';
import { createMemoryLogger } from '../../src/logger.js';
import { API_ID, testApiResources } from './support/test-api.js';

const deploy = (resources = testApiResources()) => {
  const log = createMemoryLogger();
  return { log, deployment: deployGateway(resources, { userPool: () => undefined, now: Date.now, log }) };
};

describe('deployGateway', () => {
  it('builds each API, its authorizers by id and the owners of each stage name', () => {
    const { deployment } = deploy();
    expect([...deployment.apis.keys()]).toEqual([API_ID]);
    expect(deployment.authorizers.get(API_ID)?.get('authz01')).toBeInstanceOf(CognitoMethodAuthorizer);
    expect(deployment.stageOwners.get('prod')?.map((a) => a.id)).toEqual([API_ID]);
  });

  it.each(['TOKEN', 'REQUEST'])('warns that a %s authorizer is not emulated and leaves it out', (type) => {
    const { deployment, log } = deploy(
      testApiResources().map((r) =>
        r.type === 'AWS::ApiGateway::Authorizer' ? { ...r, properties: { ...r.properties, Type: type } } : r,
      ),
    );
    expect(deployment.authorizers.get(API_ID)?.size).toBe(0);
    expect(log.entries).toContainEqual({
      level: 'warn',
      msg: `authorizer cognito of type ${type} is not emulated; its methods answer 500`,
    });
  });
});
