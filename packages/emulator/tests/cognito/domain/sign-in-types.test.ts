import { describe, expect, it } from 'vitest';
import { requireParams } from '../../../src/cognito/domain/sign-in-types.js';
import { errorOf } from './domain-fixture.js';

describe('requireParams', () => {
  it('answers the parameters in the order named', () => {
    expect(requireParams({ B: '2', A: '1' }, 'A', 'B')).toEqual(['1', '2']);
  });

  it.each<[Record<string, string>, string]>([
    [{}, 'InvalidParameterException: Missing required parameter USERNAME'],
    [{ USERNAME: '' }, 'InvalidParameterException: Missing required parameter USERNAME'],
    [{ USERNAME: 'alice' }, 'InvalidParameterException: Missing required parameter PASSWORD'],
  ])('refuses %j naming the first missing parameter', (params, message) => {
    expect(errorOf(() => requireParams(params, 'USERNAME', 'PASSWORD'))).toBe(message);
  });
});
