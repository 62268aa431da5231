import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { LambdaRuntime } from '../../src/lambda/lambda-runtime.js';
import { silentLogger } from '../../src/logger.js';
import { createProvisionerRegistry, ProvisionerRegistry } from '../../src/stack/provisioner-registry.js';
import type { ResourceProvisioner } from '../../src/stack/resource-provisioner.js';

const lambda = new LambdaRuntime({ region: 'us-east-1', log: silentLogger });
const dynamodb = new DynamoDBClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9' });
const registry = createProvisionerRegistry({
  region: 'us-east-1',
  accountId: '000000000000',
  stateDir: '/nowhere',
  log: silentLogger,
  cognito: { call: async () => ({}) },
  dynamodb,
  lambda,
});

afterAll(async () => {
  dynamodb.destroy();
  await lambda.close();
});

const noop: ResourceProvisioner = {
  create: async () => ({ physicalId: 'x', attributes: {} }),
  update: async ({ recorded }) => ({ physicalId: recorded.physicalId, attributes: {} }),
};

describe('createProvisionerRegistry', () => {
  it('emulates exactly the types it has a provisioner for', () => {
    expect(registry.types().sort()).toEqual([
      'AWS::ApiGateway::Authorizer',
      'AWS::ApiGateway::Deployment',
      'AWS::ApiGateway::GatewayResponse',
      'AWS::ApiGateway::Method',
      'AWS::ApiGateway::Resource',
      'AWS::ApiGateway::RestApi',
      'AWS::ApiGateway::Stage',
      'AWS::Cognito::ManagedLoginBranding',
      'AWS::Cognito::UserPool',
      'AWS::Cognito::UserPoolClient',
      'AWS::Cognito::UserPoolDomain',
      'AWS::Cognito::UserPoolGroup',
      'AWS::Cognito::UserPoolResourceServer',
      'AWS::DynamoDB::Table',
      'AWS::Lambda::Function',
    ]);
    for (const type of registry.types()) expect(registry.provisioner(type)).toBeDefined();
  });

  it.each(['AWS::IAM::Role', 'AWS::Lambda::Permission', 'AWS::Logs::LogGroup', 'AWS::ApiGateway::Account'])(
    'does not claim to emulate %s',
    (type) => {
      expect(registry.provisioner(type)).toBeUndefined();
    },
  );

  it('hands API Gateway types it does not emulate to the gateway, with ids of its shape', () => {
    const family = registry.notEmulated('AWS::ApiGateway::Model');
    expect(family.keepsProperties).toBe(true);
    expect(family.newPhysicalId('App', 'Model')).toMatch(/^[a-z0-9]{6}$/);
  });

  it('stands in for any other type with a CloudFormation-style name, and hands it to no service', () => {
    const family = registry.notEmulated('AWS::IAM::Role');
    expect(family.keepsProperties).toBe(false);
    const id = family.newPhysicalId('App', 'Role');
    expect(id).toMatch(/^App-Role-[A-Z0-9]{12}$/);
  });
});

describe('ProvisionerRegistry', () => {
  it('refuses two provisioners for one type', () => {
    expect(
      () =>
        new ProvisionerRegistry([
          ['Test::Thing', noop],
          ['Test::Thing', noop],
        ]),
    ).toThrow('Two provisioners for Test::Thing');
  });

  it('takes a new type from one more entry', () => {
    const extended = new ProvisionerRegistry([['Test::Thing', noop]]);
    expect(extended.types()).toEqual(['Test::Thing']);
    expect(extended.provisioner('Test::Thing')).toBe(noop);
  });
});
