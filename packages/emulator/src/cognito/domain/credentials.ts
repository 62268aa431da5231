import { createHmac, randomBytes } from 'node:crypto';
import { checkPassword, createVerifier, SRP_N, type SrpVerifier } from '../srp.js';

/** The part of a pool id after the region: the "pool name" SRP mixes into every hash. */
export function srpPoolName(poolId: string): string {
  return poolId.split('_')[1] ?? poolId;
}

/**
 * The SRP salt and verifier that stand for a user's password: the only form in which a password is kept.
 * Every place that sets a password (sign-up, temporary passwords, changes and resets) goes through here.
 */
export function passwordVerifier(poolId: string, username: string, password: string): SrpVerifier {
  return createVerifier(srpPoolName(poolId), username, password);
}

/** Whether `password` is the one `credential` was made from. */
export function passwordMatches(
  poolId: string,
  username: string,
  password: string,
  credential: { salt: string; verifier: string },
): boolean {
  return checkPassword(srpPoolName(poolId), username, password, credential);
}

/**
 * A deterministic stand-in for an unknown user's SRP parameters (PreventUserExistenceErrors = ENABLED): the
 * same salt and UUID-shaped id for the same name every time, derived from a per-pool secret.
 */
export function simulatedSrpUser(
  fakeSaltKey: string,
  key: string,
): { username: string; salt: string; verifier: string } {
  const digest = createHmac('sha256', Buffer.from(fakeSaltKey, 'hex')).update(key).digest('hex');
  const id = `${digest.slice(0, 8)}-${digest.slice(8, 12)}-4${digest.slice(13, 16)}-a${digest.slice(17, 20)}-${digest.slice(20, 32)}`;
  const saltBytes = Buffer.from(digest.slice(32, 64), 'hex');
  saltBytes[0] = (saltBytes[0] ?? 0) & 0x7f;
  // Any value in the group does as the stand-in verifier: it only has to cost what a real one costs.
  const verifier = (BigInt(`0x${randomBytes(384).toString('hex')}`) % SRP_N).toString(16);
  return { username: id, salt: saltBytes.toString('hex'), verifier };
}
