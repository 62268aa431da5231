import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const MAX_TIME = 2 ** 48 - 1;
const RANDOM_MASK = (1n << 80n) - 1n;

/**
 * Makes ULIDs (26 Crockford base-32 characters: 48-bit millisecond time, 80 random bits). Ids made in
 * the same millisecond by one factory increase monotonically, so a user's notes sort by creation
 * even when two are created in the same millisecond by the same container.
 */
export function createUlidFactory(
  now: () => number = Date.now,
  random: (bytes: number) => Uint8Array = randomBytes,
): () => string {
  let lastTime = -1;
  let lastRandom = 0n;
  return () => {
    let time = now();
    if (!Number.isInteger(time) || time < 0 || time > MAX_TIME)
      throw new RangeError(`Cannot encode time ${time}`);
    if (time <= lastTime && lastRandom < RANDOM_MASK) {
      // Clock went back or stayed: keep the previous time and count up, as the ULID spec's monotonic mode does.
      time = lastTime;
      lastRandom += 1n;
    } else {
      // A new millisecond, or the 80 bits are used up: the spec would fail here; borrowing the next
      // millisecond keeps ids unique and ordered instead.
      if (time <= lastTime) time = lastTime + 1;
      lastTime = time;
      lastRandom = BigInt(`0x${Buffer.from(random(10)).toString('hex')}`);
    }
    return encode(BigInt(time), 10) + encode(lastRandom, 16);
  };
}

function encode(value: bigint, length: number): string {
  let text = '';
  let rest = value;
  for (let i = 0; i < length; i++) {
    text = CROCKFORD[Number(rest & 31n)] + text;
    rest >>= 5n;
  }
  return text;
}
