import { createHmac } from 'node:crypto';
import { CognitoException, userNotFound } from '../cognito-error.js';
import type { CognitoStore, UserKeys } from '../cognito-store.js';
import type { UserGroup, UserPool, UserRecord } from '../cognito-types.js';
import type { ServiceConfig } from './service-config.js';

type Channel = 'email' | 'phone_number';

/**
 * A pool's users: lookups by what people type (username, or the email/phone that is the username or a
 * verified alias), uniqueness of names and aliases, group membership, and saving. The one place that knows
 * how a pool's case sensitivity turns names into keys.
 */
export class UserDirectory {
  readonly #store: CognitoStore;
  /** The clock that stamps `modifiedAt`: all a user directory needs of the service's configuration. */
  readonly #now: ServiceConfig['now'];

  constructor(store: CognitoStore, config: Pick<ServiceConfig, 'now'>) {
    this.#store = store;
    this.#now = config.now;
  }

  /** Runs `fn` in one store transaction: all of its writes land, or none. */
  transaction<T>(fn: () => T): T {
    return this.#store.transaction(fn);
  }

  /** How a name is keyed in the pool: as typed, or lower-cased in a case-insensitive pool. */
  key(pool: UserPool, value: string): string {
    return pool.UsernameConfiguration?.CaseSensitive === false ? value.toLowerCase() : value;
  }

  /**
   * How the unknown-user ledger names a typed name: an HMAC under the pool's private key of the name as the
   * pool compares it. Fixed-size whatever was typed, and never the typed text itself (people type passwords
   * into username fields), so the ledger holds nothing worth reading and its entries cannot be inflated.
   */
  unknownUserKey(pool: UserPool, typed: string): string {
    return createHmac('sha256', Buffer.from(pool.FakeSaltKey, 'hex'))
      .update(`unknown-user\u0000${this.key(pool, typed)}`)
      .digest('base64url');
  }

  #keys(pool: UserPool, user: UserRecord): UserKeys {
    const opt = (v: string | undefined) => (v === undefined || v === '' ? null : this.key(pool, v));
    return {
      usernameKey: this.key(pool, user.username),
      emailKey: opt(user.attributes.email),
      phoneKey: opt(user.attributes.phone_number),
      preferredKey: opt(user.attributes.preferred_username),
    };
  }

  /** The user whose immutable username this is (not an alias). */
  byUsername(pool: UserPool, username: string): UserRecord | undefined {
    return this.#store.users.get(pool.Id, this.key(pool, username));
  }

  /**
   * Finds a user by what they typed: the username, or — where the pool allows — the email or phone number
   * that is the username (`UsernameAttributes`) or a verified alias (`AliasAttributes`).
   */
  find(pool: UserPool, name: string): UserRecord | undefined {
    const direct = this.byUsername(pool, name);
    if (direct !== undefined) return direct;
    const key = this.key(pool, name);
    const by = (attr: string, verifiedOnly: boolean) => {
      const column = attr === 'email' ? 'email' : attr === 'phone_number' ? 'phone' : 'preferred';
      const found = this.#store.users.findBy(pool.Id, column, key);
      if (!verifiedOnly || attr === 'preferred_username') return found[0];
      return found.find((u) => u.attributes[`${attr}_verified`] === 'true');
    };
    for (const attr of pool.UsernameAttributes ?? []) {
      const u = by(attr, false);
      if (u !== undefined) return u;
    }
    for (const attr of pool.AliasAttributes ?? []) {
      const u = by(attr, true);
      if (u !== undefined) return u;
    }
    return undefined;
  }

  require(pool: UserPool, name: string): UserRecord {
    const user = this.find(pool, name);
    if (user === undefined) throw userNotFound();
    return user;
  }

  list(poolId: string): UserRecord[] {
    return this.#store.users.list(poolId);
  }

  save(pool: UserPool, user: UserRecord): void {
    user.modifiedAt = this.#now();
    this.#store.users.update(user, this.#keys(pool, user));
  }

  delete(pool: UserPool, user: UserRecord): void {
    this.#store.users.delete(pool.Id, this.key(pool, user.username), user.username);
  }

  /** Throws UsernameExistsException when the name (or, for email/phone usernames, the address) is taken. */
  assertUsernameFree(pool: UserPool, user: UserRecord): void {
    if (this.byUsername(pool, user.username) !== undefined) {
      throw new CognitoException('UsernameExistsException', 'User already exists');
    }
    for (const attr of pool.UsernameAttributes ?? []) {
      if (this.#othersWith(pool, user, attr, user.attributes[attr]).length > 0) {
        throw new CognitoException(
          'UsernameExistsException',
          `An account with the given ${attr} already exists.`,
        );
      }
    }
  }

  /** Inserts a new user atomically with the uniqueness checks (concurrent sign-ups of one name: one wins). */
  insert(pool: UserPool, user: UserRecord): void {
    this.transaction(() => {
      this.assertUsernameFree(pool, user);
      if (!this.#store.users.insert(user, this.#keys(pool, user))) {
        throw new CognitoException('UsernameExistsException', 'User already exists');
      }
    });
  }

  /** Refuses new values of email/phone usernames that another user already has (AliasExistsException). */
  assertUsernameAttributesFree(pool: UserPool, user: UserRecord, updates: Record<string, string>): void {
    for (const attr of pool.UsernameAttributes ?? []) {
      if (this.#othersWith(pool, user, attr, updates[attr]).length > 0) {
        throw new CognitoException(
          'AliasExistsException',
          `An account with the given ${attr} already exists.`,
        );
      }
    }
  }

  #othersWith(pool: UserPool, user: UserRecord, attr: string, value: string | undefined): UserRecord[] {
    if (value === undefined || value === '') return [];
    const column = attr === 'email' ? 'email' : 'phone';
    return this.#store.users
      .findBy(pool.Id, column, this.key(pool, value))
      .filter((u) => u.username !== user.username);
  }

  /**
   * Marks `attr` verified on `user` (not saved: the caller saves it with its other changes), moving a
   * verified alias away from another user only when forced; the other user is saved here. Call it inside
   * {@link transaction} with the caller's save.
   */
  claimAlias(pool: UserPool, user: UserRecord, attr: string, force: boolean): void {
    if ((pool.AliasAttributes ?? []).includes(attr)) {
      for (const other of this.#othersWith(pool, user, attr, user.attributes[attr])) {
        if (other.attributes[`${attr}_verified`] !== 'true') continue;
        if (!force) {
          throw new CognitoException(
            'AliasExistsException',
            `An account with the ${attr === 'email' ? 'email' : 'phone number'} already exists.`,
          );
        }
        other.attributes[`${attr}_verified`] = 'false';
        this.save(pool, other);
      }
    }
    user.attributes[`${attr}_verified`] = 'true';
  }

  groupsOf(pool: UserPool, user: UserRecord): UserGroup[] {
    return this.#store.users.groupsOf(pool.Id, this.key(pool, user.username));
  }

  usersInGroup(poolId: string, group: string): UserRecord[] {
    return this.#store.users.membersOf(poolId, group);
  }

  addToGroup(pool: UserPool, user: UserRecord, group: string): void {
    this.#store.users.addToGroup(pool.Id, this.key(pool, user.username), group);
  }

  removeFromGroup(pool: UserPool, user: UserRecord, group: string): void {
    this.#store.users.removeFromGroup(pool.Id, this.key(pool, user.username), group);
  }

  /** Where a sign-up confirmation goes: the first auto-verified attribute the user has. */
  signUpChannel(pool: UserPool, user: UserRecord): Channel | undefined {
    for (const attr of pool.AutoVerifiedAttributes ?? []) {
      if ((attr === 'email' || attr === 'phone_number') && (user.attributes[attr] ?? '') !== '') return attr;
    }
    return undefined;
  }

  /** Where a password-reset code goes: a verified channel, in the pool's recovery order. */
  recoveryChannel(pool: UserPool, user: UserRecord): Channel | undefined {
    const setting = pool.Passthrough.AccountRecoverySetting as
      | { RecoveryMechanisms?: { Name: string; Priority: number }[] }
      | undefined;
    const order = setting?.RecoveryMechanisms
      ? [...setting.RecoveryMechanisms].sort((a, b) => a.Priority - b.Priority).map((m) => m.Name)
      : ['verified_phone_number', 'verified_email'];
    for (const m of order) {
      const attr =
        m === 'verified_email' ? 'email' : m === 'verified_phone_number' ? 'phone_number' : undefined;
      if (attr !== undefined && user.attributes[`${attr}_verified`] === 'true' && user.attributes[attr]) {
        return attr;
      }
    }
    return undefined;
  }
}
