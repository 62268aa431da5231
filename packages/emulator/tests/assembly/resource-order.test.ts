// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these are CloudFormation Fn::Sub strings, not JavaScript templates
import { describe, expect, it } from 'vitest';
import type { CloudFormationTemplate } from '../../src/assembly/cloud-assembly.js';
import { orderResources, referencedResources } from '../../src/assembly/resource-order.js';

const template: CloudFormationTemplate = {
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

describe('referencedResources', () => {
  it.each([
    [{ Ref: 'Table' }, ['Table']],
    [{ Ref: 'AWS::Region' }, []],
    [{ 'Fn::GetAtt': 'Role.Arn' }, ['Role']],
    [{ 'Fn::GetAtt': ['Role', 'Arn'] }, ['Role']],
    [{ 'Fn::Sub': '${Table}-${AWS::Region}-${!Literal}' }, ['Table']],
    [{ 'Fn::Sub': ['${Name}-${Fn.Arn}', { Name: { Ref: 'Table' } }] }, ['Fn', 'Table']],
  ])('finds the resources %j refers to', (value, expected) => {
    expect([...referencedResources(value)].sort()).toEqual(expected);
  });
});

describe('orderResources', () => {
  it('puts every resource after what it references or DependsOn', () => {
    const order = orderResources(template, 'App');
    expect(order).toHaveLength(4);
    expect(order.indexOf('Table')).toBeLessThan(order.indexOf('Fn'));
    expect(order.indexOf('Role')).toBeLessThan(order.indexOf('Fn'));
    expect(order.indexOf('Later')).toBeLessThan(order.indexOf('Fn'));
    expect(order.indexOf('Table')).toBeLessThan(order.indexOf('Later'));
  });

  it('names the resources of a cycle', () => {
    const cyclic: CloudFormationTemplate = {
      Resources: {
        A: { Type: 'X', Properties: { P: { Ref: 'B' } } },
        B: { Type: 'X', Properties: { P: { 'Fn::Sub': '${A.Arn}' } } },
      },
    };
    expect(() => orderResources(cyclic, 'App')).toThrow('cycle: A → B → A');
  });
});
