import { describe, expect, it } from 'vitest';
import { IdempotencyTokens } from '../../src/dynamodb/idempotency-tokens.js';

describe('IdempotencyTokens', () => {
  it('fingerprints requests without their token and whatever their key order', () => {
    expect(IdempotencyTokens.fingerprint({ ClientRequestToken: 'a', A: 1, B: { c: 2, d: 3 } })).toBe(
      IdempotencyTokens.fingerprint({ B: { d: 3, c: 2 }, A: 1, ClientRequestToken: 'b' }),
    );
    expect(IdempotencyTokens.fingerprint({ A: 1 })).not.toBe(IdempotencyTokens.fingerprint({ A: 2 }));
  });

  it.each([
    ['the same request', 'f1', { kind: 'replay', answer: { ok: 1 } }],
    ['another request', 'f2', { kind: 'mismatch' }],
  ])('recognises %s under a remembered token', (_, fingerprint, expected) => {
    const tokens = new IdempotencyTokens();
    tokens.remember('t', 'f1', { ok: 1 });
    expect(tokens.lookup('t', fingerprint)).toEqual(expected);
    expect(tokens.lookup('other', 'f1')).toEqual({ kind: 'new' });
  });

  it('forgets a token when its window has passed', () => {
    let now = 0;
    const tokens = new IdempotencyTokens({ now: () => now, windowMs: 1000 });
    tokens.remember('t', 'f', {});
    now = 999;
    expect(tokens.lookup('t', 'f').kind).toBe('replay');
    now = 1000;
    expect(tokens.lookup('t', 'f').kind).toBe('new');
    expect(tokens.size).toBe(0);
  });

  it('keeps at most maxTokens, forgetting the oldest first', () => {
    const tokens = new IdempotencyTokens({ maxTokens: 3 });
    for (const token of ['a', 'b', 'c', 'd']) tokens.remember(token, 'f', {});
    expect(tokens.size).toBe(3);
    expect(tokens.lookup('a', 'f').kind).toBe('new');
    expect(tokens.lookup('d', 'f').kind).toBe('replay');
  });
});
