import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResourceServer, UserPool } from '../../../src/cognito/cognito-types.js';
import {
  customScopeName,
  MAX_RESOURCE_SERVERS_PER_POOL,
} from '../../../src/cognito/domain/resource-servers.js';
import { addPool, type DomainFixture, errorOf, openDomain } from './domain-fixture.js';

describe('ResourceServerDirectory', () => {
  let fx: DomainFixture;
  let pool: UserPool;
  const server = (identifier: string, scopes: string[] = ['read']): ResourceServer => ({
    UserPoolId: pool.Id,
    Identifier: identifier,
    Name: 'API',
    Scopes: scopes.map((ScopeName) => ({ ScopeName, ScopeDescription: `may ${ScopeName}` })),
  });

  beforeEach(async () => {
    fx = openDomain();
    pool = await addPool(fx.services);
  });
  afterEach(() => fx.close());

  it('creates, finds, updates and deletes a server', () => {
    const servers = fx.services.resourceServers;
    servers.create(server('gatehouse-api', ['notes.read']));
    expect(servers.require(pool.Id, 'gatehouse-api').Scopes).toEqual([
      { ScopeName: 'notes.read', ScopeDescription: 'may notes.read' },
    ]);
    servers.update(server('gatehouse-api', ['notes.write']));
    expect(servers.list(pool.Id).map((s) => s.Scopes.map((x) => x.ScopeName))).toEqual([['notes.write']]);
    servers.delete(pool.Id, 'gatehouse-api');
    expect(servers.list(pool.Id)).toEqual([]);
  });

  it('names custom scopes `<identifier>/<scope>`, identifiers with slashes included', () => {
    const servers = fx.services.resourceServers;
    servers.create(server('https://api.example.com', ['read', 'write']));
    servers.create(server('gatehouse-api', ['stats.read']));
    expect([...servers.customScopes(pool.Id)].sort()).toEqual([
      'gatehouse-api/stats.read',
      'https://api.example.com/read',
      'https://api.example.com/write',
    ]);
    expect(customScopeName('gatehouse-api', 'stats.read')).toBe('gatehouse-api/stats.read');
  });

  it.each([
    ['a standard scope', 'openid', true],
    ['a custom scope of the pool', 'gatehouse-api/notes.read', true],
    ['a scope the server does not define', 'gatehouse-api/notes.delete', false],
    ['a scope of an unknown server', 'other-api/notes.read', false],
    ['the scope name alone', 'notes.read', false],
  ])('says whether %s exists', (_case, scope, exists) => {
    fx.services.resourceServers.create(server('gatehouse-api', ['notes.read']));
    expect(fx.services.resourceServers.scopeExists(pool.Id, scope)).toBe(exists);
  });

  it('keeps each pool’s servers apart', async () => {
    const other = await addPool(fx.services);
    fx.services.resourceServers.create(server('gatehouse-api'));
    fx.services.resourceServers.create({ ...server('gatehouse-api'), UserPoolId: other.Id, Name: 'Other' });
    expect(fx.services.resourceServers.require(pool.Id, 'gatehouse-api').Name).toBe('API');
    expect(fx.services.resourceServers.customScopes(other.Id)).toEqual(new Set(['gatehouse-api/read']));
  });

  it.each([
    [
      'a taken identifier',
      () => {
        fx.services.resourceServers.create(server('gatehouse-api'));
        fx.services.resourceServers.create(server('gatehouse-api'));
      },
      /^InvalidParameterException: A resource server with identifier gatehouse-api already exists/,
    ],
    [
      'a scope named twice',
      () => fx.services.resourceServers.create(server('gatehouse-api', ['read', 'read'])),
      /^InvalidParameterException: Duplicate scope name read\.$/,
    ],
    [
      'an update of a server that does not exist',
      () => fx.services.resourceServers.update(server('missing')),
      /^ResourceNotFoundException: Resource server missing does not exist/,
    ],
    [
      'a delete of a server that does not exist',
      () => fx.services.resourceServers.delete(pool.Id, 'missing'),
      /^ResourceNotFoundException: /,
    ],
  ])('refuses %s', (_case, act, expected) => {
    expect(errorOf(act)).toMatch(expected);
  });

  it('refuses a server past the limit per pool, and keeps the others', () => {
    for (let i = 0; i < MAX_RESOURCE_SERVERS_PER_POOL; i++) {
      fx.services.resourceServers.create(server(`api-${i}`));
    }
    expect(errorOf(() => fx.services.resourceServers.create(server('one-more')))).toMatch(
      /^LimitExceededException: /,
    );
    expect(fx.services.resourceServers.list(pool.Id)).toHaveLength(MAX_RESOURCE_SERVERS_PER_POOL);
  });

  it('removes a pool’s servers with the pool', () => {
    fx.services.resourceServers.create(server('gatehouse-api'));
    fx.services.pools.deletePool(pool.Id);
    expect(fx.services.resourceServers.list(pool.Id)).toEqual([]);
  });
});
