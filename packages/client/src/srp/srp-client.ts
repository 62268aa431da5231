import { SrpProtocolError } from '../errors/client-error.js';
import {
  base64ToBytes,
  bytesToBase64,
  concatBytes,
  hashToInt,
  hexToInt,
  hmacSha256,
  intToBytes,
  modPow,
  SRP_G,
  SRP_N,
  sha256,
  utf8,
} from './srp-math.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** The `PASSWORD_VERIFIER` challenge parameters Cognito sends after `USER_SRP_AUTH`. */
export interface PasswordVerifierChallenge {
  readonly SALT: string;
  readonly SRP_B: string;
  readonly SECRET_BLOCK: string;
  readonly USER_ID_FOR_SRP: string;
}

/** What the client answers the `PASSWORD_VERIFIER` challenge with. */
export interface PasswordVerifierResponse {
  readonly USERNAME: string;
  readonly PASSWORD_CLAIM_SECRET_BLOCK: string;
  readonly TIMESTAMP: string;
  readonly PASSWORD_CLAIM_SIGNATURE: string;
}

/**
 * `TIMESTAMP` as Cognito expects it: `ddd MMM D HH:mm:ss UTC YYYY` in UTC, day of month not padded.
 *
 * @example
 * formatSrpTimestamp(new Date('2025-03-03T09:05:07Z')); // 'Mon Mar 3 09:05:07 UTC 2025'
 */
export function formatSrpTimestamp(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;
  return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ${time} UTC ${date.getUTCFullYear()}`;
}

let multiplier: Promise<bigint> | undefined;
/** `k = H(padHex(N) ‖ padHex(g))`, computed once. */
function srpMultiplier(): Promise<bigint> {
  multiplier ??= hashToInt(concatBytes(intToBytes(SRP_N), intToBytes(SRP_G)));
  return multiplier;
}

/**
 * One SRP sign-in attempt on the client side: holds the secret `a` and answers the server's challenge.
 * A fresh instance is used per attempt so that `a` is never reused.
 */
export class SrpSession {
  readonly #a: bigint;
  /** `A = g^a mod N`. */
  readonly largeA: bigint;

  /** @param smallA the secret exponent; omit it to draw 128 random bytes (tests pass a fixed one). */
  constructor(smallA?: bigint) {
    this.#a = smallA ?? SrpSession.randomExponent();
    this.largeA = modPow(SRP_G, this.#a, SRP_N);
  }

  /** `SRP_A` as Cognito reads it: plain hex, not padded. */
  get srpA(): string {
    return this.largeA.toString(16);
  }

  private static randomExponent(): bigint {
    const bytes = crypto.getRandomValues(new Uint8Array(128));
    let value = 0n;
    for (const byte of bytes) value = (value << 8n) | BigInt(byte);
    return value;
  }

  /**
   * The 16-byte key both sides derive: HKDF ("Caldera Derived Key") of `S` salted with `u`.
   * `username` is `USER_ID_FOR_SRP`; `poolName` is the part of the pool id after `_`.
   */
  async passwordAuthenticationKey(
    poolName: string,
    username: string,
    password: string,
    serverB: bigint,
    salt: bigint,
  ): Promise<Uint8Array> {
    if (serverB % SRP_N === 0n) throw new SrpProtocolError('Server sent an invalid SRP_B');
    const u = await hashToInt(concatBytes(intToBytes(this.largeA), intToBytes(serverB)));
    if (u === 0n) throw new SrpProtocolError('SRP scrambling parameter is zero');
    const identity = await sha256(utf8(`${poolName}${username}:${password}`));
    // The salt is re-padded from its integer value: Cognito's own clients drop leading zero bytes.
    const x = await hashToInt(concatBytes(intToBytes(salt), identity));
    const k = await srpMultiplier();
    const gx = modPow(SRP_G, x, SRP_N);
    const base = (((serverB - ((k * gx) % SRP_N)) % SRP_N) + SRP_N) % SRP_N;
    const s = modPow(base, this.#a + u * x, SRP_N);
    const prk = await hmacSha256(intToBytes(u), intToBytes(s));
    const okm = await hmacSha256(prk, concatBytes(utf8('Caldera Derived Key'), new Uint8Array([1])));
    return okm.slice(0, 16);
  }

  /** Answers a `PASSWORD_VERIFIER` challenge: proves knowledge of the password without sending it. */
  async respond(
    poolName: string,
    password: string,
    challenge: PasswordVerifierChallenge,
    now: Date,
  ): Promise<PasswordVerifierResponse> {
    let serverB: bigint;
    let salt: bigint;
    try {
      serverB = hexToInt(challenge.SRP_B);
      salt = hexToInt(challenge.SALT);
    } catch (cause) {
      throw new SrpProtocolError('Server sent a malformed SRP challenge', { cause });
    }
    const username = challenge.USER_ID_FOR_SRP;
    const key = await this.passwordAuthenticationKey(poolName, username, password, serverB, salt);
    const timestamp = formatSrpTimestamp(now);
    const signature = await hmacSha256(
      key,
      concatBytes(utf8(poolName), utf8(username), base64ToBytes(challenge.SECRET_BLOCK), utf8(timestamp)),
    );
    return {
      USERNAME: username,
      PASSWORD_CLAIM_SECRET_BLOCK: challenge.SECRET_BLOCK,
      TIMESTAMP: timestamp,
      PASSWORD_CLAIM_SIGNATURE: bytesToBase64(signature),
    };
  }
}
