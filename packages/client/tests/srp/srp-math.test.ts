import { describe, expect, it } from 'vitest';
import {
  base64ToBytes,
  bytesToBase64,
  bytesToHex,
  hexToBytes,
  hexToInt,
  modPow,
  padHex,
} from '../../src/srp/srp-math.js';

describe('padHex', () => {
  it.each([
    [0x14n, '14'],
    [0xecn, '00ec'],
    [0x38n, '38'],
    [0xc8n, '00c8'],
    [0xabcn, '0abc'],
    [0x8000n, '008000'],
    [0x7fffn, '7fff'],
  ])('encodes %s as %s (Java BigInteger.toByteArray)', (value, expected) => {
    expect(padHex(value)).toBe(expected);
  });
});

describe('modPow', () => {
  it.each([
    [4n, 13n, 497n, 445n],
    [2n, 0n, 7n, 1n],
    [-3n, 3n, 7n, 1n],
    [123456789n, 987654321n, 1000000007n, 652541198n],
  ])('%s^%s mod %s = %s', (base, exponent, modulus, expected) => {
    expect(modPow(base, exponent, modulus)).toBe(expected);
  });
});

describe('byte conversions', () => {
  it('round-trips hex and base64', () => {
    const bytes = new Uint8Array([0, 1, 127, 128, 255]);
    expect(bytesToHex(bytes)).toBe('00017f80ff');
    expect(hexToBytes('00017f80ff')).toEqual(bytes);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });

  it('refuses a string that is not hexadecimal', () => {
    expect(() => hexToInt('12g4')).toThrow(TypeError);
  });
});
