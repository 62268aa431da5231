import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UserGroup } from '../../../src/cognito/cognito-types.js';
import { addClient, addPool, addUser, type DomainFixture, errorOf, openDomain } from './domain-fixture.js';

describe('PoolDirectory', () => {
  let d: DomainFixture;
  beforeEach(() => {
    d = openDomain();
  });
  afterEach(() => d.close());

  it('names a pool by its region and account in its ARN', () => {
    expect(d.services.pools.poolArn('us-east-1_abc')).toBe(
      'arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_abc',
    );
  });

  it('refuses a pool that does not exist with AWS’s message', async () => {
    const pool = await addPool(d.services);
    expect(d.services.pools.requirePool(pool.Id).Id).toBe(pool.Id);
    expect(d.services.pools.hasPool('us-east-1_missing')).toBe(false);
    expect(errorOf(() => d.services.pools.requirePool('us-east-1_missing'))).toBe(
      'ResourceNotFoundException: User pool us-east-1_missing does not exist.',
    );
  });

  it.each<[string, (pool: string, other: string) => string | undefined, string]>([
    ['no pool named', () => undefined, 'accepted'],
    ['its own pool', (pool) => pool, 'accepted'],
    [
      'another pool',
      (_pool, other) => other,
      'ResourceNotFoundException: User pool client {client} does not exist.',
    ],
  ])('finds a client when the caller names %s, or refuses it', async (_name, poolOf, expected) => {
    const pool = await addPool(d.services);
    const other = await addPool(d.services);
    const client = addClient(d.services, pool);
    expect(errorOf(() => d.services.pools.requireClient(client.ClientId, poolOf(pool.Id, other.Id)))).toBe(
      expected.replace('{client}', client.ClientId),
    );
  });

  it('refuses an unknown client and answers the client a token names', async () => {
    const pool = await addPool(d.services);
    const client = addClient(d.services, pool);
    expect(errorOf(() => d.services.pools.requireClient('nosuchclient'))).toBe(
      'ResourceNotFoundException: User pool client nosuchclient does not exist.',
    );
    expect(d.services.pools.clientOfToken({ client_id: client.ClientId })?.ClientId).toBe(client.ClientId);
    expect(d.services.pools.clientOfToken({ client_id: 42 })).toBeUndefined();
    expect(d.services.pools.clientOfToken({})).toBeUndefined();
  });

  it('stamps the modification time of pools, clients and groups it updates', async () => {
    const pool = await addPool(d.services);
    const client = addClient(d.services, pool);
    const group: UserGroup = {
      GroupName: 'admins',
      UserPoolId: pool.Id,
      CreationDate: 0,
      LastModifiedDate: 0,
    };
    d.services.pools.insertGroup(group);
    d.clock.now += 5_000;
    d.services.pools.updatePool(pool);
    d.services.pools.updateClient(client);
    d.services.pools.updateGroup(group);
    expect(d.services.pools.requirePool(pool.Id).LastModifiedDate).toBe(d.clock.now);
    expect(d.services.pools.requireClient(client.ClientId).client.LastModifiedDate).toBe(d.clock.now);
    expect(d.services.pools.requireGroup(pool.Id, 'admins').LastModifiedDate).toBe(d.clock.now);
  });

  it('refuses a second group of the same name and a group that does not exist', async () => {
    const pool = await addPool(d.services);
    const group: UserGroup = {
      GroupName: 'admins',
      UserPoolId: pool.Id,
      CreationDate: 0,
      LastModifiedDate: 0,
    };
    expect(d.services.pools.insertGroup(group)).toBe(true);
    expect(d.services.pools.insertGroup(group)).toBe(false);
    d.services.pools.deleteGroup(pool.Id, 'admins');
    expect(errorOf(() => d.services.pools.requireGroup(pool.Id, 'admins'))).toBe(
      'ResourceNotFoundException: Group not found.',
    );
  });

  it('takes a pool’s clients, groups and users with it when it is deleted', async () => {
    const pool = await addPool(d.services);
    const client = addClient(d.services, pool);
    d.services.pools.insertGroup({
      GroupName: 'g',
      UserPoolId: pool.Id,
      CreationDate: 0,
      LastModifiedDate: 0,
    });
    addUser(d.services, pool, 'alice');
    expect(d.services.pools.countUsers(pool.Id)).toBe(1);
    d.services.pools.deletePool(pool.Id);
    expect(d.services.pools.findPool(pool.Id)).toBeUndefined();
    expect(d.services.pools.findClient(client.ClientId)).toBeUndefined();
    expect(d.services.pools.listGroups(pool.Id)).toEqual([]);
    expect(d.services.pools.countUsers(pool.Id)).toBe(0);
  });
});
