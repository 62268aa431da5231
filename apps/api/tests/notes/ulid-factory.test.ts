import { NoteIdSchema } from '@org/contracts';
import { describe, expect, it } from 'vitest';
import { createUlidFactory } from '../../src/notes/ulid-factory.js';

describe('createUlidFactory', () => {
  it('makes ids the contract accepts', () => {
    const next = createUlidFactory();
    for (let i = 0; i < 100; i++) expect(NoteIdSchema.safeParse(next()).success).toBe(true);
  });

  it('encodes the time in the first ten characters', () => {
    const next = createUlidFactory(
      () => 1_469_918_176_385,
      () => new Uint8Array(10),
    );
    expect(next()).toBe('01ARYZ6S410000000000000000');
  });

  it('counts up within one millisecond and when the clock goes back', () => {
    let now = 1_700_000_000_000;
    const next = createUlidFactory(
      () => now,
      () => new Uint8Array(10).fill(0x7f),
    );
    const a = next();
    const b = next();
    now -= 5;
    const c = next();
    expect(b > a && c > b).toBe(true);
    expect(b.slice(0, 10)).toBe(a.slice(0, 10));
    expect(c.slice(0, 10)).toBe(a.slice(0, 10));
  });

  it('moves to the next millisecond when the random part is used up', () => {
    const next = createUlidFactory(
      () => 1_700_000_000_000,
      () => new Uint8Array(10).fill(0xff),
    );
    const a = next();
    const b = next();
    expect(b > a).toBe(true);
    expect(b.slice(0, 10)).not.toBe(a.slice(0, 10));
  });

  it('sorts ids of later milliseconds after earlier ones', () => {
    let now = 1_700_000_000_000;
    const next = createUlidFactory(
      () => now,
      () => new Uint8Array(10).fill(0xff),
    );
    const a = next();
    now += 1;
    expect(next() > a).toBe(true);
  });

  it.each([[-1], [2 ** 48], [Number.NaN]])('refuses time %d', (time) => {
    expect(() => createUlidFactory(() => time)()).toThrow(RangeError);
  });
});
