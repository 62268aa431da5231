import { resourceNotFound } from '../cognito-error.js';
import type { CognitoStore } from '../cognito-store.js';
import type { UserGroup, UserPool, UserPoolClient } from '../cognito-types.js';
import type { StoredSigningKey } from '../signing-keys.js';
import type { ServiceConfig } from './service-config.js';

/** Pools, their app clients and groups: lookups that throw AWS's not-found errors, and their records. */
export class PoolDirectory {
  readonly #store: CognitoStore;
  readonly #config: ServiceConfig;

  constructor(store: CognitoStore, config: ServiceConfig) {
    this.#store = store;
    this.#config = config;
  }

  poolArn(poolId: string): string {
    return `arn:aws:cognito-idp:${this.#config.region}:${this.#config.accountId}:userpool/${poolId}`;
  }

  hasPool(poolId: string): boolean {
    return this.#store.getPool(poolId) !== undefined;
  }

  findPool(poolId: string): UserPool | undefined {
    return this.#store.getPool(poolId);
  }

  requirePool(poolId: string): UserPool {
    const pool = this.#store.getPool(poolId);
    if (pool === undefined) throw resourceNotFound(`User pool ${poolId} does not exist.`);
    return pool;
  }

  listPools(): UserPool[] {
    return this.#store.listPools();
  }

  /** A new pool with its signing keys, made once per pool and kept only in this install's store. */
  insertPool(pool: UserPool, keys: StoredSigningKey[]): void {
    this.#store.insertPool(pool, keys);
  }

  updatePool(pool: UserPool): void {
    pool.LastModifiedDate = this.#config.now();
    this.#store.updatePool(pool);
  }

  deletePool(poolId: string): void {
    this.#store.deletePool(poolId);
  }

  countUsers(poolId: string): number {
    return this.#store.users.count(poolId);
  }

  findClient(clientId: string): UserPoolClient | undefined {
    return this.#store.getClient(clientId);
  }

  /** The app client an access token was issued to (its `client_id` claim), if it still exists. */
  clientOfToken(claims: Record<string, unknown>): UserPoolClient | undefined {
    return typeof claims.client_id === 'string' ? this.#store.getClient(claims.client_id) : undefined;
  }

  /** The client and its pool; `poolId` (admin operations) must match the client's pool. */
  requireClient(clientId: string, poolId?: string): { pool: UserPool; client: UserPoolClient } {
    const client = this.#store.getClient(clientId);
    if (client === undefined || (poolId !== undefined && client.UserPoolId !== poolId)) {
      throw resourceNotFound(`User pool client ${clientId} does not exist.`);
    }
    return { pool: this.requirePool(client.UserPoolId), client };
  }

  listClients(poolId: string): UserPoolClient[] {
    return this.#store.listClients(poolId);
  }

  insertClient(client: UserPoolClient): void {
    this.#store.insertClient(client);
  }

  updateClient(client: UserPoolClient): void {
    client.LastModifiedDate = this.#config.now();
    this.#store.updateClient(client);
  }

  deleteClient(clientId: string): void {
    this.#store.deleteClient(clientId);
  }

  /** The group, or `ResourceNotFoundException: Group not found.` */
  requireGroup(poolId: string, name: string): UserGroup {
    const group = this.#store.groups.get(poolId, name);
    if (group === undefined) throw resourceNotFound('Group not found.');
    return group;
  }

  listGroups(poolId: string): UserGroup[] {
    return this.#store.groups.listInPool(poolId);
  }

  /** False when the pool already has a group of that name. */
  insertGroup(group: UserGroup): boolean {
    return this.#store.groups.insert(group);
  }

  updateGroup(group: UserGroup): void {
    group.LastModifiedDate = this.#config.now();
    this.#store.groups.update(group);
  }

  deleteGroup(poolId: string, name: string): void {
    this.#store.groups.delete(poolId, name);
  }
}
