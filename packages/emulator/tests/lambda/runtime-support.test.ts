import { describe, expect, it } from 'vitest';
import { invalidRuntime, nodeMajorOf, runsLocally } from '../../src/lambda/runtime-support.js';

describe('nodeMajorOf and runsLocally', () => {
  it.each([
    ['nodejs20.x', '20', true],
    ['nodejs22.x', '22', true],
    ['python3.13', undefined, false],
    ['java21', undefined, false],
    ['provided.al2023', undefined, false],
    ['nodejs', undefined, false],
  ])('reads %s as Node.js %s (runs locally: %s)', (runtime, major, runs) => {
    expect(nodeMajorOf(runtime)).toBe(major);
    expect(runsLocally(runtime)).toBe(runs);
  });
});

describe('invalidRuntime', () => {
  it('answers InvalidRuntimeException naming the function and its runtime', () => {
    expect(invalidRuntime('deploy', 'python3.13')).toEqual({
      ok: false,
      kind: 'error',
      errorType: 'InvalidRuntimeException',
      errorMessage:
        'The runtime python3.13 of deploy is not supported locally: only Node.js functions are emulated',
    });
  });
});
