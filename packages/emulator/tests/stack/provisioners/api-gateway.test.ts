import { describe, expect, it } from 'vitest';
import { TemplateResolutionError } from '../../../src/assembly/assembly-error.js';
import { apiGatewayProvisioners, isApiGatewayType } from '../../../src/stack/provisioners/api-gateway.js';
import type { ResourceProvisioner } from '../../../src/stack/resource-provisioner.js';
import { provisionRequest, updateRequest } from '../support/template-stack.js';

const provisioners = new Map(apiGatewayProvisioners());

function provisionerOf(type: string): ResourceProvisioner {
  const provisioner = provisioners.get(type);
  if (provisioner === undefined) throw new Error(`no provisioner for ${type}`);
  return provisioner;
}

describe('API Gateway provisioners', () => {
  it('gives a REST API a 10-character id and a root resource id, kept on update', async () => {
    const restApi = provisionerOf('AWS::ApiGateway::RestApi');
    const created = await restApi.create(provisionRequest('AWS::ApiGateway::RestApi', { Name: 'api' }));
    expect(created.physicalId).toMatch(/^[a-z0-9]{10}$/);
    expect(created.attributes).toEqual({
      RestApiId: created.physicalId,
      RootResourceId: expect.stringMatching(/^[a-z0-9]{10}$/),
    });
    const request = provisionRequest('AWS::ApiGateway::RestApi', { Name: 'api' });
    expect(await restApi.update(updateRequest(request, created))).toEqual(created);
  });

  it.each([
    ['AWS::ApiGateway::Resource', 'ResourceId'],
    ['AWS::ApiGateway::Authorizer', 'AuthorizerId'],
    ['AWS::ApiGateway::Deployment', 'DeploymentId'],
  ])('answers Fn::GetAtt for a %s with its 6-character id as %s', async (type, attribute) => {
    const created = await provisionerOf(type).create(provisionRequest(type, {}));
    expect(created.physicalId).toMatch(/^[a-z0-9]{6}$/);
    expect(created.attributes).toEqual({ [attribute]: created.physicalId });
  });

  it.each(['AWS::ApiGateway::Method', 'AWS::ApiGateway::GatewayResponse'])(
    'gives a %s a stable id and no attributes',
    async (type) => {
      const provisioner = provisionerOf(type);
      const request = provisionRequest(type, {});
      const updated = await provisioner.update(
        updateRequest(request, { physicalId: 'abc123', attributes: {} }),
      );
      expect(updated).toEqual({ physicalId: 'abc123', attributes: {} });
    },
  );

  it('names a stage by its StageName', async () => {
    const stage = provisionerOf('AWS::ApiGateway::Stage');
    expect(await stage.create(provisionRequest('AWS::ApiGateway::Stage', { StageName: 'prod' }))).toEqual({
      physicalId: 'prod',
      attributes: {},
    });
  });

  it('refuses a stage without StageName, naming where', async () => {
    const stage = provisionerOf('AWS::ApiGateway::Stage');
    const request = provisionRequest('AWS::ApiGateway::Stage', {}, { logicalId: 'Prod' });
    await expect(stage.create(request)).rejects.toThrow(TemplateResolutionError);
    await expect(stage.create(request)).rejects.toThrow('App/Prod.Properties.StageName');
  });
});

describe('isApiGatewayType', () => {
  it.each([
    ['AWS::ApiGateway::Model', true],
    ['AWS::ApiGatewayV2::Api', false],
    ['AWS::Lambda::Function', false],
  ])('answers %s → %s', (type, expected) => {
    expect(isApiGatewayType(type)).toBe(expected);
  });
});
