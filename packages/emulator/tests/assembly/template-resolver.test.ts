// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these are CloudFormation Fn::Sub strings, not JavaScript templates
import { describe, expect, it } from 'vitest';
import type { CloudFormationTemplate } from '../../src/assembly/cloud-assembly.js';
import { type ResourceIdentity, TemplateResolver } from '../../src/assembly/template-resolver.js';

const template: CloudFormationTemplate = {
  Parameters: {
    Stage: { Type: 'String', Default: 'prod' },
    Zones: { Type: 'CommaDelimitedList', Default: 'a,b' },
    Required: { Type: 'String' },
  },
  Mappings: { Sizes: { prod: { Memory: 512 } } },
  Conditions: {
    IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] },
    IsDev: { 'Fn::Not': [{ Condition: 'IsProd' }] },
    Both: { 'Fn::And': [{ Condition: 'IsProd' }, { 'Fn::Equals': ['x', 'x'] }] },
  },
  Resources: {
    Table: { Type: 'AWS::DynamoDB::Table', Properties: {} },
    Fn: {
      Type: 'AWS::Lambda::Function',
      Properties: { Env: { Ref: 'Table' }, Role: { 'Fn::GetAtt': ['Role', 'Arn'] } },
      DependsOn: 'Later',
    },
    Role: { Type: 'AWS::IAM::Role', Properties: {} },
    Later: { Type: 'AWS::Logs::LogGroup', Properties: { Name: { 'Fn::Sub': '${Table}-logs' } } },
  },
};

const identities: Record<string, ResourceIdentity> = {
  Table: {
    physicalId: 'notes-table',
    attributes: { Arn: 'arn:aws:dynamodb:us-east-1:000000000000:table/notes' },
  },
  Role: { physicalId: 'role-1', attributes: { Arn: 'arn:aws:iam::000000000000:role/role-1' } },
};

function resolver(parameterValues: Record<string, string> = { Required: 'r' }): TemplateResolver {
  return new TemplateResolver({
    stackName: 'App',
    region: 'eu-west-1',
    accountId: '000000000000',
    template,
    parameterValues,
    resource: (id) => identities[id],
    exports: new Map([['SharedName', 'shared-value']]),
  });
}

describe('TemplateResolver', () => {
  it.each([
    ['Ref to a resource', { Ref: 'Table' }, 'notes-table'],
    ['Ref to a parameter default', { Ref: 'Stage' }, 'prod'],
    ['Ref to a given parameter', { Ref: 'Required' }, 'r'],
    ['Ref to a list parameter', { Ref: 'Zones' }, ['a', 'b']],
    ['AWS::Region', { Ref: 'AWS::Region' }, 'eu-west-1'],
    ['AWS::AccountId', { Ref: 'AWS::AccountId' }, '000000000000'],
    ['AWS::StackName', { Ref: 'AWS::StackName' }, 'App'],
    ['AWS::Partition', { Ref: 'AWS::Partition' }, 'aws'],
    ['AWS::URLSuffix', { Ref: 'AWS::URLSuffix' }, 'amazonaws.com'],
    [
      'Fn::GetAtt as a list',
      { 'Fn::GetAtt': ['Table', 'Arn'] },
      'arn:aws:dynamodb:us-east-1:000000000000:table/notes',
    ],
    ['Fn::GetAtt as a string', { 'Fn::GetAtt': 'Role.Arn' }, 'arn:aws:iam::000000000000:role/role-1'],
    ['Fn::Join', { 'Fn::Join': ['-', ['a', { Ref: 'Stage' }, 'c']] }, 'a-prod-c'],
    [
      'Fn::Sub with refs, attributes and pseudo parameters',
      { 'Fn::Sub': '${Table}/${Role.Arn}/${AWS::Region}' },
      'notes-table/arn:aws:iam::000000000000:role/role-1/eu-west-1',
    ],
    ['Fn::Sub with variables', { 'Fn::Sub': ['${A}-${Stage}', { A: { Ref: 'Table' } }] }, 'notes-table-prod'],
    ['Fn::Sub keeps ${!Literal}', { 'Fn::Sub': '${!Literal}' }, '${Literal}'],
    ['Fn::Select', { 'Fn::Select': [1, ['x', 'y', 'z']] }, 'y'],
    ['Fn::Split', { 'Fn::Split': ['/', 'a/b/c'] }, ['a', 'b', 'c']],
    [
      'Fn::Select over Fn::Split',
      { 'Fn::Select': ['2', { 'Fn::Split': [':', { 'Fn::GetAtt': ['Table', 'Arn'] }] }] },
      'dynamodb',
    ],
    ['Fn::If true branch', { 'Fn::If': ['IsProd', 'big', 'small'] }, 'big'],
    ['Fn::If false branch', { 'Fn::If': ['IsDev', 'big', 'small'] }, 'small'],
    ['Fn::FindInMap', { 'Fn::FindInMap': ['Sizes', { Ref: 'Stage' }, 'Memory'] }, 512],
    ['Fn::ImportValue', { 'Fn::ImportValue': 'SharedName' }, 'shared-value'],
    ['Fn::Base64', { 'Fn::Base64': 'hi' }, 'aGk='],
    ['Fn::GetAZs', { 'Fn::GetAZs': '' }, ['eu-west-1a', 'eu-west-1b', 'eu-west-1c']],
    [
      'nested objects and lists',
      { A: [{ Ref: 'Table' }, 1], B: { C: true } },
      { A: ['notes-table', 1], B: { C: true } },
    ],
  ])('resolves %s', (_name, value, expected) => {
    expect(resolver().resolve(value, 'Fn.Properties')).toEqual(expected);
  });

  it('drops properties and list elements that are Ref AWS::NoValue', () => {
    const value = {
      Keep: 'k',
      Drop: { 'Fn::If': ['IsDev', 'x', { Ref: 'AWS::NoValue' }] },
      List: ['a', { Ref: 'AWS::NoValue' }, 'b'],
    };
    expect(resolver().resolve(value, 'Fn.Properties')).toEqual({ Keep: 'k', List: ['a', 'b'] });
  });

  it('evaluates conditions built from other conditions', () => {
    expect(resolver().condition('Both')).toBe(true);
    expect(resolver().condition('IsDev')).toBe(false);
    expect(resolver({ Required: 'r', Stage: 'dev' }).condition('IsDev')).toBe(true);
  });

  it.each([
    [
      'an unknown resource',
      { Ref: 'Nope' },
      'Cannot resolve App/Fn.Properties.Env.Ref: Nope is not a resource or parameter',
    ],
    ['a resource not provisioned', { Ref: 'Later' }, 'resource Later is not provisioned'],
    [
      'an unknown attribute',
      { 'Fn::GetAtt': ['Table', 'StreamArn'] },
      'Table (AWS::DynamoDB::Table) has no attribute StreamArn here (it has: Arn)',
    ],
    ['an index out of range', { 'Fn::Select': [5, ['a']] }, 'index 5 is out of range for a list of 1'],
    ['an unknown condition', { 'Fn::If': ['Missing', 1, 2] }, 'condition Missing is not defined'],
    ['an unknown export', { 'Fn::ImportValue': 'Other' }, 'no stack of the assembly exports Other'],
    ['an unknown pseudo parameter', { Ref: 'AWS::Nope' }, 'unknown pseudo parameter AWS::Nope'],
    ['a Join over a non-list', { 'Fn::Join': [',', 'abc'] }, 'expected a list'],
  ])('names the resource and property when it meets %s', (_name, value, message) => {
    expect(() => resolver().resolve({ Env: value }, 'Fn.Properties')).toThrow(message);
  });

  it('refuses a parameter with neither value nor default', () => {
    expect(() => resolver({}).resolve({ Ref: 'Required' }, 'Fn.Properties.X')).toThrow(
      'Cannot resolve App/Fn.Properties.X.Ref: parameter Required has no value and no Default',
    );
  });
});
