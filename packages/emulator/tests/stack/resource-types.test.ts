import { describe, expect, it } from 'vitest';
import { EMULATED_TYPES, placeholderAttributes } from '../../src/stack/resource-types.js';

describe('placeholderAttributes', () => {
  const attributes = placeholderAttributes('AWS::IAM::Role', 'App-Role-X', 'us-east-1', '000000000000');

  it('answers Arn with an ARN of the resource type', () => {
    expect(attributes.Arn).toBe('arn:aws:iam::000000000000:role/App-Role-X');
    expect(placeholderAttributes('AWS::Logs::LogGroup', 'g', 'eu-west-1', '000000000000').Arn).toBe(
      'arn:aws:logs:eu-west-1:000000000000:loggroup/g',
    );
  });

  it('answers any other attribute so templates still resolve', () => {
    expect(attributes.RoleId).toBe('App-Role-X.RoleId');
  });
});

describe('EMULATED_TYPES', () => {
  it.each(['AWS::IAM::Role', 'AWS::Lambda::Permission', 'AWS::Logs::LogGroup', 'AWS::ApiGateway::Account'])(
    'does not claim to emulate %s',
    (type) => {
      expect(EMULATED_TYPES.has(type)).toBe(false);
    },
  );
});
