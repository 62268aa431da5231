import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TemplateResolutionError } from '../../src/assembly/assembly-error.js';
import type { CloudFormationTemplate } from '../../src/assembly/cloud-assembly.js';
import { createMemoryLogger } from '../../src/logger.js';
import { ProvisionerRegistry } from '../../src/stack/provisioner-registry.js';
import {
  API_GATEWAY_NOT_EMULATED,
  apiGatewayProvisioners,
} from '../../src/stack/provisioners/api-gateway.js';
import type { ProvisionRequest, ResourceProvisioner } from '../../src/stack/resource-provisioner.js';
import { reportNotEmulated, StackDeployer } from '../../src/stack/stack-deployer.js';
import { StackState } from '../../src/stack/stack-state.js';
import { templateStack } from './support/template-stack.js';

const root = mkdtempSync(join(tmpdir(), 'gatehouse-deployer-'));
let dirs = 0;

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** A provisioner of `Test::Thing` that records what it was asked: ids `<logicalId>-<n>`. */
function recordingProvisioner() {
  const calls: string[] = [];
  let created = 0;
  const provisioned = (request: ProvisionRequest, physicalId: string) => ({
    physicalId,
    attributes: { Name: String(request.properties.Name) },
    ...(request.properties.Secret === true ? { secretAttributes: { Secret: 'sekrit-value' } } : {}),
  });
  const provisioner: ResourceProvisioner = {
    create: async (request) => {
      calls.push(`create ${request.logicalId}`);
      created += 1;
      return provisioned(request, `${request.logicalId}-${created}`);
    },
    update: async (request) => {
      calls.push(`update ${request.logicalId} ${request.recorded.physicalId}`);
      return provisioned(request, request.recorded.physicalId);
    },
    delete: async ({ logicalId, physicalId }) => {
      calls.push(`delete ${logicalId} ${physicalId}`);
    },
  };
  return { calls, provisioner };
}

const failing: ResourceProvisioner = {
  create: async () => {
    throw new Error('the service said no');
  },
  update: async () => {
    throw new TemplateResolutionError('App/Bad.Properties.X', 'X is required');
  },
};

function setUp(extra: Array<[string, ResourceProvisioner]> = []) {
  const stateDir = join(root, String(dirs++));
  mkdirSync(stateDir);
  const things = recordingProvisioner();
  const log = createMemoryLogger();
  const registry = new ProvisionerRegistry(
    [['Test::Thing', things.provisioner], ...apiGatewayProvisioners(), ...extra],
    [API_GATEWAY_NOT_EMULATED],
  );
  const deployer = () =>
    new StackDeployer({
      state: StackState.load(stateDir),
      registry,
      region: 'eu-west-1',
      accountId: '000000000000',
      log,
    });
  return { stateDir, calls: things.calls, log, deployer };
}

const TEMPLATE: CloudFormationTemplate = {
  Resources: {
    Table: { Type: 'Test::Thing', Properties: { Name: 'notes' } },
    Client: { Type: 'Test::Thing', Properties: { Name: { Ref: 'Table' }, Secret: true } },
    Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
    Model: { Type: 'AWS::ApiGateway::Model', Properties: { Name: { 'Fn::GetAtt': ['Table', 'Name'] } } },
  },
  Outputs: {
    TableName: { Value: { Ref: 'Table' } },
    ClientName: { Value: { 'Fn::GetAtt': ['Client', 'Name'] } },
    ClientSecret: { Value: { 'Fn::GetAtt': ['Client', 'Secret'] } },
    RoleArn: { Value: { 'Fn::GetAtt': ['Role', 'Arn'] } },
  },
};

describe('StackDeployer', () => {
  it('creates each resource through its provisioner, in dependency order, and answers Ref and Fn::GetAtt', async () => {
    const { calls, deployer } = setUp();
    const deployment = await deployer().deploy([templateStack(TEMPLATE)]);
    expect(calls).toEqual(['create Table', 'create Client']);
    expect(deployment.outputs.App).toMatchObject({
      TableName: 'Table-1',
      ClientName: 'Table-1',
      ClientSecret: 'sekrit-value',
    });
    expect(deployment.resources.map((r) => r.logicalId)).toEqual(['Table', 'Client', 'Model']);
  });

  it('updates what the state directory recorded, keeping the ids, when started again', async () => {
    const { calls, deployer } = setUp();
    const first = await deployer().deploy([templateStack(TEMPLATE)]);
    calls.length = 0;
    const again = await deployer().deploy([templateStack(TEMPLATE)]);
    expect(calls).toEqual(['update Table Table-1', 'update Client Client-2']);
    expect(again.outputs).toEqual(first.outputs);
  });

  it('never writes secret attributes to the state file', async () => {
    const { stateDir, deployer } = setUp();
    await deployer().deploy([templateStack(TEMPLATE)]);
    const file = readFileSync(join(stateDir, 'stack-state.json'), 'utf8');
    expect(file).toContain('Client-2');
    expect(file).not.toContain('sekrit-value');
  });

  it('opens a state directory an earlier version wrote, keeping its ids', async () => {
    const { stateDir, deployer } = setUp();
    // stack-state.json as the emulator before the provisioner registry wrote it.
    writeFileSync(
      join(stateDir, 'stack-state.json'),
      JSON.stringify({
        version: 1,
        stacks: {
          App: {
            Api: {
              type: 'AWS::ApiGateway::RestApi',
              physicalId: 'abcdefghij',
              attributes: { RootResourceId: 'rootid1234', RestApiId: 'abcdefghij' },
            },
            Role: { type: 'AWS::IAM::Role', physicalId: 'App-Role-OLDOLDOLDOLD', attributes: {} },
          },
        },
      }),
    );
    const deployment = await deployer().deploy([
      templateStack({
        Resources: {
          Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'api' } },
          Role: { Type: 'AWS::IAM::Role' },
        },
        Outputs: {
          Api: { Value: { Ref: 'Api' } },
          Root: { Value: { 'Fn::GetAtt': ['Api', 'RootResourceId'] } },
          Role: { Value: { Ref: 'Role' } },
        },
      }),
    ]);
    expect(deployment.outputs.App).toEqual({
      Api: 'abcdefghij',
      Root: 'rootid1234',
      Role: 'App-Role-OLDOLDOLDOLD',
    });
  });

  it('stands in for types it does not emulate with stable ids, and lists them once', async () => {
    const { deployer, log } = setUp();
    const first = await deployer().deploy([templateStack(TEMPLATE)]);
    const roleArn = first.outputs.App?.RoleArn;
    expect(roleArn).toMatch(/^arn:aws:iam::000000000000:role\/App-Role-[A-Z0-9]{12}$/);
    expect((await deployer().deploy([templateStack(TEMPLATE)])).outputs.App?.RoleArn).toBe(roleArn);
    reportNotEmulated(first, log);
    expect(log.entries.map((e) => e.msg)).toContain(
      'Not emulated (no effect locally): AWS::ApiGateway::Model, AWS::IAM::Role',
    );
  });

  it('lists the functions of runtimes that cannot run here with the types not emulated', () => {
    const log = createMemoryLogger();
    const fn = (logicalId: string, Runtime: string) => ({
      logicalId,
      type: 'AWS::Lambda::Function',
      properties: { Runtime },
      physicalId: logicalId,
      attributes: {},
    });
    reportNotEmulated(
      {
        resources: [
          fn('Api', 'nodejs22.x'),
          fn('Deploy', 'python3.13'),
          fn('Java', 'java21'),
          fn('More', 'java21'),
        ],
        outputs: {},
        notEmulated: new Map([['AWS::IAM::Role', 2]]),
      },
      log,
    );
    expect(log.entries.map((e) => e.msg)).toEqual([
      'Not emulated (no effect locally): AWS::IAM::Role ×2, AWS::Lambda::Function (java21) ×2, AWS::Lambda::Function (python3.13)',
    ]);
  });

  it('hands not-emulated API Gateway resources to the services with their properties, and no others', async () => {
    const { deployer } = setUp();
    const { resources } = await deployer().deploy([templateStack(TEMPLATE)]);
    expect(resources.find((r) => r.logicalId === 'Model')).toMatchObject({
      type: 'AWS::ApiGateway::Model',
      properties: { Name: 'notes' },
    });
    expect(resources.some((r) => r.logicalId === 'Role')).toBe(false);
  });

  it('names the resource when its provisioner fails', async () => {
    const { deployer } = setUp([['Test::Failing', failing]]);
    const stack = templateStack({ Resources: { Bad: { Type: 'Test::Failing' } } });
    await expect(deployer().deploy([stack])).rejects.toThrow(
      'Cannot provision App/Bad (Test::Failing): the service said no',
    );
  });

  it('passes a template error through unchanged, naming its location', async () => {
    const { stateDir, deployer } = setUp([['Test::Failing', failing]]);
    const state = StackState.load(stateDir);
    state.set('App', 'Bad', { type: 'Test::Failing', physicalId: 'bad', attributes: {} });
    state.save();
    const stack = templateStack({ Resources: { Bad: { Type: 'Test::Failing' } } });
    await expect(deployer().deploy([stack])).rejects.toBeInstanceOf(TemplateResolutionError);
  });

  it('deletes through their provisioner the resources that left the template', async () => {
    const { calls, deployer } = setUp();
    const first = await deployer().deploy([templateStack(TEMPLATE)]);
    calls.length = 0;
    const { Client: _client, ...rest } = TEMPLATE.Resources;
    await deployer().deploy(
      [templateStack({ Resources: rest, Outputs: { TableName: { Value: { Ref: 'Table' } } } })],
      first.resources,
    );
    expect(calls).toEqual(['update Table Table-1', 'delete Client Client-2']);
  });
});
