import { describe, expect, it } from 'vitest';
import { placeholderAttributes } from '../../src/stack/placeholder-attributes.js';

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
