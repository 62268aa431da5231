import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Time-based one-time passwords (RFC 6238) as Cognito's software-token MFA uses them: HMAC-SHA1, six digits,
 * a 30-second step, and a secret handed to the user in base32 (RFC 4648, no padding).
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The step length, seconds. */
export const TOTP_STEP_SECONDS = 30;

/**
 * Steps accepted either side of the current one. AWS documents a clock tolerance without a figure; the
 * behaviour others observed (a code still accepted shortly after its window, aws-amplify/amplify-js#3873,
 * "accepted for a short time after its defined time window" per RFC 6238 §5.2) and the Cognito-compatible
 * emulators (±30 s) agree on one step.
 */
export const TOTP_WINDOW_STEPS = 1;

/** Base32 of `bytes`, upper case, without padding (what authenticator apps read from `otpauth://` URIs). */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** The bytes of a base32 string (case-insensitive; padding and spaces ignored); undefined when malformed. */
export function base32Decode(text: string): Buffer | undefined {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const index = ALPHABET.indexOf(ch);
    if (index < 0) return undefined;
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/**
 * A new secret: 32 random bytes, 52 base32 characters. AWS's model only says a `SecretCode` has at least 16
 * characters of [A-Za-z0-9]; 52 is the length of the secrets Cognito hands out as we know them, and well above
 * RFC 4226's recommended 160 bits.
 */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(32));
}

/** The HOTP value (RFC 4226) of `counter` under `key`, as `digits` decimal digits. */
export function hotp(key: Uint8Array, counter: number, digits = 6, algorithm = 'sha1'): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The step a time (ms since the epoch) falls in. */
export function totpStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_STEP_SECONDS);
}

/** The six-digit code of a base32 secret at a time (ms). */
export function totpCode(secret: string, nowMs: number): string {
  return hotp(base32Decode(secret) ?? Buffer.alloc(0), totpStep(nowMs));
}

/**
 * The step whose code `code` is, within the tolerated window around `nowMs`, or undefined. Steps at or before
 * `usedStep` are refused: RFC 6238 §5.2 says a verifier "MUST NOT accept the second attempt of the OTP after
 * the successful validation has been issued for the first OTP". AWS does not document whether Cognito refuses
 * a reused code; we follow the RFC, so a code (or an older one) that already signed the user in is refused.
 */
export function matchTotp(
  secret: string,
  code: string,
  nowMs: number,
  usedStep = Number.NEGATIVE_INFINITY,
): number | undefined {
  const key = base32Decode(secret);
  if (key === undefined || !/^\d{6}$/.test(code)) return undefined;
  const given = Buffer.from(code);
  const current = totpStep(nowMs);
  let matched: number | undefined;
  // Every step in the window is computed (no early return), so the time taken does not tell which matched.
  for (let step = current - TOTP_WINDOW_STEPS; step <= current + TOTP_WINDOW_STEPS; step++) {
    const expected = Buffer.from(hotp(key, step));
    if (timingSafeEqual(expected, given) && step > usedStep) matched = step;
  }
  return matched;
}
