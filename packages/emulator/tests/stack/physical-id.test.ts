import { describe, expect, it } from 'vitest';
import { generatedApiGatewayId, generatedName } from '../../src/stack/physical-id.js';

describe('generatedName', () => {
  it('writes <stack>-<logicalId>-<12 random characters> as CloudFormation does', () => {
    expect(generatedName('App', 'NotesTable')).toMatch(/^App-NotesTable-[0-9A-Z]{12}$/);
    expect(generatedName('App', 'NotesTable')).not.toBe(generatedName('App', 'NotesTable'));
  });

  it.each([
    [64, 'Gatehouse-development-stack', 'PreTokenGenerationFunctionE0C4E8B2WithAVeryLongName'],
    [64, 'S', 'L'.repeat(100)],
    [64, 'S'.repeat(100), 'L'],
  ])('stays within %i characters (Lambda function names)', (max, stack, logical) => {
    const name = generatedName(stack, logical, max);
    expect(name.length).toBeLessThanOrEqual(max);
    expect(name).toMatch(/-[0-9A-Z]{12}$/);
  });
});

describe('generatedApiGatewayId', () => {
  it('looks like an API Gateway id', () => {
    expect(generatedApiGatewayId(10)).toMatch(/^[a-z0-9]{10}$/);
  });
});
