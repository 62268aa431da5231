import { createDiffieHellman, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * SRP-6a as Cognito speaks it (and as amazon-cognito-identity-js / Amplify compute it): the RFC 3526 3072-bit
 * group, g = 2, SHA-256, k = H(N ‖ g) over Java-style two's-complement byte strings, and the
 * "Caldera Derived Key" HKDF step that turns the shared secret into the HMAC key of PASSWORD_CLAIM_SIGNATURE.
 *
 * Modular exponentiation goes through node:crypto's Diffie-Hellman (OpenSSL's constant-time bignum code): a
 * DH object with private key `e` computes `base^e mod N` in `computeSecret(base)`. That is two orders of
 * magnitude faster than BigInt square-and-multiply at 3072 bits.
 */

const N_HEX =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
  'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
  'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
  '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
  'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
  '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
  'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
  'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';

/** The group modulus. */
export const SRP_N = BigInt(`0x${N_HEX}`);
/** The group generator. */
export const SRP_G = 2n;
const N_BUFFER = Buffer.from(N_HEX, 'hex');
const N_BYTES = N_BUFFER.length;
const G_BUFFER = Buffer.from([2]);

/** Lower-case hex of a non-negative integer in Java `BigInteger.toByteArray` form: even length, `00` in front when the top bit is set. */
export function padHex(value: bigint): string {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  else if ('89abcdef'.includes(hex[0] ?? '0')) hex = `00${hex}`;
  return hex;
}

function sha256(...parts: Buffer[]): Buffer {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

function toBigInt(buf: Buffer): bigint {
  return buf.length === 0 ? 0n : BigInt(`0x${buf.toString('hex')}`);
}

function fixedBuffer(value: bigint): Buffer {
  const hex = value.toString(16).padStart(N_BYTES * 2, '0');
  return Buffer.from(hex, 'hex');
}

/** `base^exponent mod N` with OpenSSL. `base` must already be reduced mod N and be > 1. */
export function modPowN(base: bigint, exponent: Buffer): bigint {
  const dh = createDiffieHellman(N_BUFFER, G_BUFFER);
  dh.setPrivateKey(exponent);
  return toBigInt(dh.computeSecret(fixedBuffer(base)));
}

/** `g^exponent mod N` with OpenSSL. */
export function powG(exponent: Buffer): bigint {
  const dh = createDiffieHellman(N_BUFFER, G_BUFFER);
  dh.setPrivateKey(exponent);
  dh.generateKeys();
  return toBigInt(dh.getPublicKey());
}

/** `k = H(padHex(N) ‖ padHex(g))`, the SRP-6a multiplier in Cognito's encoding. */
export const SRP_K = toBigInt(sha256(Buffer.from(padHex(SRP_N) + padHex(SRP_G), 'hex')));

/** `x = H(padHex(salt) ‖ H(poolName ‖ username ‖ ":" ‖ password))`. */
export function computeX(poolName: string, userIdForSrp: string, password: string, saltHex: string): Buffer {
  const inner = sha256(Buffer.from(`${poolName}${userIdForSrp}:${password}`, 'utf8'));
  return sha256(Buffer.from(padHex(BigInt(`0x${saltHex}`)), 'hex'), inner);
}

/** A stored SRP credential: what Cognito keeps instead of the password. */
export interface SrpVerifier {
  /** Hex, as sent in the `SALT` challenge parameter. */
  salt: string;
  /** Hex of `v = g^x mod N`. */
  verifier: string;
}

/**
 * Derives the verifier stored for a password. Strength: the verifier is `g^H(salt ‖ H(pool ‖ user ‖ ":" ‖ password))`,
 * one unstretched SHA-256 pair per guess, so an offline attacker holding the database is bounded only by the
 * password's own entropy and the pool's password policy; the protocol fixes this derivation (clients compute
 * `x` the same way), so no slower KDF can be added without breaking SRP clients. The 128-bit random salt per
 * user defeats precomputed tables and makes equal passwords yield different verifiers.
 */
export function createVerifier(poolName: string, userIdForSrp: string, password: string): SrpVerifier {
  // Cognito's own salts are 128 bits; the top bit is cleared so the hex never gains a `00` prefix in padHex.
  const saltBytes = randomBytes(16);
  saltBytes[0] = (saltBytes[0] ?? 0) & 0x7f;
  const salt = saltBytes.toString('hex');
  const v = powG(computeX(poolName, userIdForSrp, password, salt));
  return { salt, verifier: v.toString(16) };
}

/** Constant-time check of a password against a stored verifier (used by USER_PASSWORD_AUTH and ChangePassword). */
export function checkPassword(
  poolName: string,
  userIdForSrp: string,
  password: string,
  stored: SrpVerifier,
): boolean {
  const v = powG(computeX(poolName, userIdForSrp, password, stored.salt));
  return timingSafeEqual(fixedBuffer(v), fixedBuffer(BigInt(`0x${stored.verifier}`)));
}

/** The server half of one PASSWORD_VERIFIER exchange. */
export interface SrpServerState {
  /** Private ephemeral `b`, hex. */
  b: string;
  /** Public ephemeral `B`, hex (no padding, as Cognito sends `SRP_B`). */
  B: string;
}

/** `B = (k·v + g^b) mod N` with a fresh 256-bit `b`. */
export function createServerChallenge(verifierHex: string): SrpServerState {
  for (;;) {
    const b = randomBytes(32);
    const B = (SRP_K * BigInt(`0x${verifierHex}`) + powG(b)) % SRP_N;
    if (B !== 0n) return { b: b.toString('hex'), B: B.toString(16) };
  }
}

function hkdf(ikm: Buffer, salt: Buffer): Buffer {
  const prk = createHmac('sha256', salt).update(ikm).digest();
  return createHmac('sha256', prk)
    .update(Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])]))
    .digest()
    .subarray(0, 16);
}

/** `u = H(padHex(A) ‖ padHex(B))`. */
function computeU(A: bigint, B: bigint): bigint {
  return toBigInt(sha256(Buffer.from(padHex(A) + padHex(B), 'hex')));
}

/** Whether an `SRP_A` value is acceptable: hex, and `A mod N ≠ 0`. */
export function isValidSrpA(srpA: string): boolean {
  if (!/^[0-9a-fA-F]+$/.test(srpA) || srpA.length > 2048) return false;
  return BigInt(`0x${srpA}`) % SRP_N !== 0n;
}

/** `HMAC(K, poolName ‖ userIdForSrp ‖ secretBlock ‖ timestamp)`, the claim both sides compute. */
function claimSignature(
  key: Buffer,
  poolName: string,
  userIdForSrp: string,
  secretBlock: Buffer,
  timestamp: string,
): Buffer {
  return createHmac('sha256', key)
    .update(Buffer.from(poolName, 'utf8'))
    .update(Buffer.from(userIdForSrp, 'utf8'))
    .update(secretBlock)
    .update(Buffer.from(timestamp, 'utf8'))
    .digest();
}

/**
 * Checks a client's PASSWORD_CLAIM_SIGNATURE: the server side of the session key is
 * `S = (A · v^u)^b mod N`, then `K = HKDF(S, salt = u)`.
 */
export function verifyClaimSignature(args: {
  poolName: string;
  userIdForSrp: string;
  verifierHex: string;
  state: SrpServerState;
  srpA: string;
  secretBlock: string;
  timestamp: string;
  signature: string;
}): boolean {
  const A = BigInt(`0x${args.srpA}`) % SRP_N;
  const B = BigInt(`0x${args.state.B}`);
  const u = computeU(BigInt(`0x${args.srpA}`), B);
  if (u === 0n) return false;
  const uBuf = Buffer.from(padHex(u), 'hex');
  const vu = modPowN(BigInt(`0x${args.verifierHex}`), uBuf);
  const base = (A * vu) % SRP_N;
  if (base <= 1n) return false;
  const S = modPowN(base, Buffer.from(args.state.b, 'hex'));
  const key = hkdf(Buffer.from(padHex(S), 'hex'), uBuf);
  const expected = claimSignature(
    key,
    args.poolName,
    args.userIdForSrp,
    Buffer.from(args.secretBlock, 'base64'),
    args.timestamp,
  );
  const given = Buffer.from(args.signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** `TIMESTAMP` as AWS's SRP clients write it: `Thu Nov 26 13:02:49 UTC 2026`, day of month not padded. */
export function srpTimestamp(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ${two(date.getUTCHours())}:${two(
    date.getUTCMinutes(),
  )}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`;
}

/**
 * The client half of SRP, with the same native arithmetic: used by the benchmark and by tests that need many
 * sign-ins (amazon-cognito-identity-js computes it in pure JavaScript and is proven separately).
 */
export class SrpClient {
  private readonly a: Buffer;
  /** `SRP_A`, hex. */
  readonly srpA: string;

  constructor(private readonly poolName: string) {
    // 128 random bytes, as amazon-cognito-identity-js draws `a`.
    this.a = randomBytes(128);
    this.srpA = powG(this.a).toString(16);
  }

  /** The PASSWORD_VERIFIER challenge responses for the challenge parameters Cognito returned. */
  respond(
    challenge: { SALT: string; SRP_B: string; SECRET_BLOCK: string; USER_ID_FOR_SRP: string },
    password: string,
    now: Date = new Date(),
  ): {
    USERNAME: string;
    PASSWORD_CLAIM_SECRET_BLOCK: string;
    TIMESTAMP: string;
    PASSWORD_CLAIM_SIGNATURE: string;
  } {
    const B = BigInt(`0x${challenge.SRP_B}`);
    const A = BigInt(`0x${this.srpA}`);
    const u = computeU(A, B);
    const xBuf = computeX(this.poolName, challenge.USER_ID_FOR_SRP, password, challenge.SALT);
    const x = toBigInt(xBuf);
    const gx = powG(xBuf);
    const base = (((B - ((SRP_K * gx) % SRP_N)) % SRP_N) + SRP_N) % SRP_N;
    const exponent = toBigInt(this.a) + u * x;
    const S = modPowN(base, Buffer.from(padHex(exponent), 'hex'));
    const key = hkdf(Buffer.from(padHex(S), 'hex'), Buffer.from(padHex(u), 'hex'));
    const timestamp = srpTimestamp(now);
    const signature = claimSignature(
      key,
      this.poolName,
      challenge.USER_ID_FOR_SRP,
      Buffer.from(challenge.SECRET_BLOCK, 'base64'),
      timestamp,
    );
    return {
      USERNAME: challenge.USER_ID_FOR_SRP,
      PASSWORD_CLAIM_SECRET_BLOCK: challenge.SECRET_BLOCK,
      TIMESTAMP: timestamp,
      PASSWORD_CLAIM_SIGNATURE: signature.toString('base64'),
    };
  }
}
