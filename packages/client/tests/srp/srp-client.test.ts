import { createHmac, randomBytes } from 'node:crypto';
import AuthenticationHelper from 'amazon-cognito-identity-js/lib/AuthenticationHelper.js';
import BigInteger from 'amazon-cognito-identity-js/lib/BigInteger.js';
import DateHelper from 'amazon-cognito-identity-js/lib/DateHelper.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SrpProtocolError } from '../../src/errors/client-error.js';
import { formatSrpTimestamp, SrpSession } from '../../src/srp/srp-client.js';
import { modPow, SRP_G, SRP_N } from '../../src/srp/srp-math.js';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** amazon-cognito-identity-js computing the same sign-in, with our secret `a` put in its place. */
function referenceKey(
  a: string,
  poolName: string,
  username: string,
  password: string,
  serverB: string,
  salt: string,
) {
  const helper = new AuthenticationHelper(poolName);
  helper.smallAValue = new BigInteger(a, 16);
  helper.largeAValue = undefined;
  let largeA = '';
  helper.getLargeAValue((_, value) => {
    largeA = value.toString(16);
  });
  return new Promise<{ largeA: string; key: Buffer }>((resolve, reject) => {
    helper.getPasswordAuthenticationKey(
      username,
      password,
      new BigInteger(serverB, 16),
      new BigInteger(salt, 16),
      (error, key) => (error ? reject(error) : resolve({ largeA, key: Buffer.from(key) })),
    );
  });
}

describe('SrpSession against amazon-cognito-identity-js', () => {
  // Salts with leading zero bytes and B values with a high first nibble exercise padHex's two cases.
  it.each([
    { case: 'random values', salt: hex(16), b: hex(384) },
    { case: 'salt with a leading zero byte', salt: `00${hex(15)}`, b: hex(384) },
    { case: 'salt with a high first nibble', salt: `f${hex(16).slice(1)}`, b: `9${hex(383).slice(1)}` },
    { case: 'short B', salt: hex(16), b: hex(200) },
  ])('derives the same password authentication key ($case)', async ({ salt, b }) => {
    const a = hex(128);
    const serverB = (BigInt(`0x${b}`) % SRP_N).toString(16);
    const reference = await referenceKey(a, 'AbC123xyz', 'user-id-1', 'Pässwörd-1!', serverB, salt);

    const session = new SrpSession(BigInt(`0x${a}`));
    expect(session.srpA).toBe(reference.largeA);
    const key = await session.passwordAuthenticationKey(
      'AbC123xyz',
      'user-id-1',
      'Pässwörd-1!',
      BigInt(`0x${serverB}`),
      BigInt(`0x${salt}`),
    );
    expect(Buffer.from(key).toString('hex')).toBe(reference.key.toString('hex'));
  });

  it('signs poolName ‖ USER_ID_FOR_SRP ‖ SECRET_BLOCK ‖ TIMESTAMP with the derived key', async () => {
    const a = hex(128);
    const serverB = (BigInt(`0x${hex(384)}`) % SRP_N).toString(16);
    const salt = hex(16);
    const secretBlock = randomBytes(96).toString('base64');
    const reference = await referenceKey(a, 'Pool9', 'uuid-user', 'pw', serverB, salt);
    const now = new Date('2026-11-06T07:08:09Z');

    const response = await new SrpSession(BigInt(`0x${a}`)).respond(
      'Pool9',
      'pw',
      { SALT: salt, SRP_B: serverB, SECRET_BLOCK: secretBlock, USER_ID_FOR_SRP: 'uuid-user' },
      now,
    );

    const expected = createHmac('sha256', reference.key)
      .update(
        Buffer.concat([
          Buffer.from('Pool9uuid-user'),
          Buffer.from(secretBlock, 'base64'),
          Buffer.from('Fri Nov 6 07:08:09 UTC 2026'),
        ]),
      )
      .digest('base64');
    expect(response).toEqual({
      USERNAME: 'uuid-user',
      PASSWORD_CLAIM_SECRET_BLOCK: secretBlock,
      TIMESTAMP: 'Fri Nov 6 07:08:09 UTC 2026',
      PASSWORD_CLAIM_SIGNATURE: expected,
    });
  });

  it('draws a different secret for every session', () => {
    expect(new SrpSession().srpA).not.toBe(new SrpSession().srpA);
  });

  it.each([
    { case: 'B ≡ 0 mod N', b: SRP_N.toString(16) },
    { case: 'B not hexadecimal', b: 'xyz' },
  ])('refuses a challenge with $case', async ({ b }) => {
    const challenge = { SALT: 'abcd', SRP_B: b, SECRET_BLOCK: 'AAAA', USER_ID_FOR_SRP: 'u' };
    await expect(new SrpSession().respond('P', 'pw', challenge, new Date())).rejects.toBeInstanceOf(
      SrpProtocolError,
    );
  });

  it('computes A = g^a mod N', () => {
    expect(new SrpSession(5n).largeA).toBe(modPow(SRP_G, 5n, SRP_N));
  });
});

describe('formatSrpTimestamp', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([
    ['2025-03-03T09:05:07Z', 'Mon Mar 3 09:05:07 UTC 2025'],
    ['2026-11-26T13:02:49Z', 'Thu Nov 26 13:02:49 UTC 2026'],
    ['2024-02-29T00:00:00Z', 'Thu Feb 29 00:00:00 UTC 2024'],
    ['2023-12-31T23:59:59Z', 'Sun Dec 31 23:59:59 UTC 2023'],
  ])('formats %s as %s', (iso, expected) => {
    expect(formatSrpTimestamp(new Date(iso))).toBe(expected);
  });

  it.each(['2025-01-01T00:00:00Z', '2025-07-09T17:30:01Z', '2026-10-15T04:05:06Z'])(
    'matches amazon-cognito-identity-js for %s',
    (iso) => {
      vi.useFakeTimers({ now: new Date(iso) });
      expect(formatSrpTimestamp(new Date(iso))).toBe(new DateHelper().getNowString());
    },
  );
});
