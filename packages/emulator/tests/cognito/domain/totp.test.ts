import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  hotp,
  matchTotp,
  newTotpSecret,
  totpCode,
} from '../../../src/cognito/domain/totp.js';

// RFC 6238 appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const RFC_KEY = Buffer.from('12345678901234567890', 'ascii');
const RFC_SECRET = base32Encode(RFC_KEY);

describe('base32', () => {
  it.each([
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('encodes %j as %s (RFC 4648 vectors, unpadded) and decodes it back', (text, encoded) => {
    expect(base32Encode(Buffer.from(text))).toBe(encoded);
    expect(base32Decode(encoded)?.toString()).toBe(text);
  });

  it('decodes lower case, spaces and padding as authenticator apps accept them', () => {
    expect(base32Decode('mzxw 6ytb oi======')?.toString()).toBe('foobar');
  });

  it('refuses characters outside the alphabet', () => {
    expect(base32Decode('MZXW1')).toBeUndefined();
  });

  it('makes 52-character secrets of 32 random bytes, a new one each time', () => {
    const a = newTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{52}$/);
    expect(base32Decode(a)).toHaveLength(32);
    expect(newTotpSecret()).not.toBe(a);
  });
});

describe('hotp and totp', () => {
  it.each([
    [0, '755224'],
    [1, '287082'],
    [2, '359152'],
    [3, '969429'],
    [4, '338314'],
    [5, '254676'],
    [6, '287922'],
    [7, '162583'],
    [8, '399871'],
    [9, '520489'],
  ])('HOTP of counter %i is %s (RFC 4226 appendix D)', (counter, code) => {
    expect(hotp(RFC_KEY, counter)).toBe(code);
  });

  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])(
    'TOTP-SHA1 at %i s is %s (RFC 6238 appendix B), and its six-digit form is the last six',
    (seconds, code) => {
      expect(hotp(RFC_KEY, Math.floor(seconds / 30), 8)).toBe(code);
      expect(totpCode(RFC_SECRET, seconds * 1000)).toBe(code.slice(2));
    },
  );
});

describe('matchTotp', () => {
  const now = 1_234_567_890_000;
  const step = Math.floor(now / 30_000);

  it.each([
    ['the current step', 0],
    ['the step before (clock behind)', -1],
    ['the step after (clock ahead)', 1],
  ])('accepts the code of %s and names its step', (_what, offset) => {
    const code = totpCode(RFC_SECRET, now + offset * 30_000);
    expect(matchTotp(RFC_SECRET, code, now)).toBe(step + offset);
  });

  it.each([
    ['two steps old', -2],
    ['two steps ahead', 2],
  ])('refuses a code %s', (_what, offset) => {
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, now + offset * 30_000), now)).toBeUndefined();
  });

  it('refuses a code of a step already used, and an older one, but accepts a later one', () => {
    const current = totpCode(RFC_SECRET, now);
    expect(matchTotp(RFC_SECRET, current, now, step)).toBeUndefined();
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, now - 30_000), now, step)).toBeUndefined();
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, now + 30_000), now, step)).toBe(step + 1);
  });

  it.each(['12345', '1234567', 'abcdef', ''])('refuses %j, which is not six digits', (code) => {
    expect(matchTotp(RFC_SECRET, code, now)).toBeUndefined();
  });
});
