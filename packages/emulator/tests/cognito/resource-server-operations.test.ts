import {
  CreateResourceServerCommand,
  type CreateResourceServerCommandInput,
  CreateUserPoolCommand,
  DeleteResourceServerCommand,
  DescribeResourceServerCommand,
  ListResourceServersCommand,
  UpdateResourceServerCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { type Harness, useHarness } from './cognito-test-harness.js';

describe('resource servers', () => {
  let h: Harness;
  let poolId: string;
  useHarness(async (started) => {
    h = started;
    poolId = (await h.sdk.send(new CreateUserPoolCommand({ PoolName: 'apis' }))).UserPool?.Id ?? '';
  });

  const scopes = [
    { ScopeName: 'notes.read', ScopeDescription: 'Read notes' },
    { ScopeName: 'notes.write', ScopeDescription: 'Write notes' },
  ];
  const create = (input: Partial<CreateResourceServerCommandInput>) =>
    h.sdk.send(new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: 'x', Name: 'X', ...input }));

  it('creates, describes, updates, lists and deletes a resource server', async () => {
    const created = await create({ Identifier: 'gatehouse-api', Name: 'Gatehouse API', Scopes: scopes });
    const expected = {
      UserPoolId: poolId,
      Identifier: 'gatehouse-api',
      Name: 'Gatehouse API',
      Scopes: scopes,
    };
    expect(created.ResourceServer).toEqual(expected);
    const described = await h.sdk.send(
      new DescribeResourceServerCommand({ UserPoolId: poolId, Identifier: 'gatehouse-api' }),
    );
    expect(described.ResourceServer).toEqual(expected);

    // An update replaces the scopes: the ones it leaves out are gone.
    const updated = await h.sdk.send(
      new UpdateResourceServerCommand({
        UserPoolId: poolId,
        Identifier: 'gatehouse-api',
        Name: 'Notes API',
        Scopes: [{ ScopeName: 'stats.read', ScopeDescription: 'Read statistics' }],
      }),
    );
    expect(updated.ResourceServer).toEqual({
      ...expected,
      Name: 'Notes API',
      Scopes: [{ ScopeName: 'stats.read', ScopeDescription: 'Read statistics' }],
    });
    const list = await h.sdk.send(new ListResourceServersCommand({ UserPoolId: poolId, MaxResults: 50 }));
    expect(list.ResourceServers?.map((s) => s.Identifier)).toContain('gatehouse-api');

    await h.sdk.send(new DeleteResourceServerCommand({ UserPoolId: poolId, Identifier: 'gatehouse-api' }));
    await expect(
      h.sdk.send(new DescribeResourceServerCommand({ UserPoolId: poolId, Identifier: 'gatehouse-api' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('answers a server without scopes with an empty list', async () => {
    expect((await create({ Identifier: 'https://api.example.com' })).ResourceServer?.Scopes).toEqual([]);
  });

  it('lists servers a page at a time', async () => {
    const pool = (await h.sdk.send(new CreateUserPoolCommand({ PoolName: 'paged' }))).UserPool?.Id ?? '';
    for (const id of ['a-api', 'b-api', 'c-api']) {
      await h.sdk.send(new CreateResourceServerCommand({ UserPoolId: pool, Identifier: id, Name: id }));
    }
    const first = await h.sdk.send(new ListResourceServersCommand({ UserPoolId: pool, MaxResults: 2 }));
    expect(first.ResourceServers?.map((s) => s.Identifier)).toEqual(['a-api', 'b-api']);
    const second = await h.sdk.send(
      new ListResourceServersCommand({ UserPoolId: pool, MaxResults: 2, NextToken: first.NextToken }),
    );
    expect(second.ResourceServers?.map((s) => s.Identifier)).toEqual(['c-api']);
    expect(second.NextToken).toBeUndefined();
  });

  it.each([
    [
      'an identifier with a space',
      { Identifier: 'my api' },
      "Value at 'identifier' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\x21\\x23-\\x5B\\x5D-\\x7E]+",
    ],
    [
      'an identifier longer than 256 characters',
      { Identifier: 'a'.repeat(257) },
      "Value at 'identifier' failed to satisfy constraint: Member must have length less than or equal to 256",
    ],
    [
      'a name with characters AWS refuses',
      { Name: 'Notes <API>' },
      "Value at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern",
    ],
    [
      'a scope name with a slash',
      { Scopes: [{ ScopeName: 'notes/read', ScopeDescription: 'Read' }] },
      "Value at 'scopes.1.member.scopeName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\x21\\x23-\\x2E\\x30-\\x5B\\x5D-\\x7E]+",
    ],
    [
      'a scope without a description',
      { Scopes: [{ ScopeName: 'read', ScopeDescription: undefined }] },
      "Value null at 'scopes.1.member.scopeDescription' failed to satisfy constraint: Member must not be null",
    ],
    [
      'a scope description longer than 256 characters',
      { Scopes: [{ ScopeName: 'read', ScopeDescription: 'd'.repeat(257) }] },
      "Value at 'scopes.1.member.scopeDescription' failed to satisfy constraint: Member must have length less than or equal to 256",
    ],
    [
      'more than 100 scopes',
      { Scopes: Array.from({ length: 101 }, (_, i) => ({ ScopeName: `s${i}`, ScopeDescription: 'd' })) },
      "Value at 'scopes' failed to satisfy constraint: Member must have length less than or equal to 100",
    ],
    [
      'a scope named twice',
      { Identifier: 'twice', Scopes: [scopes[0], scopes[0]] },
      'Duplicate scope name notes.read.',
    ],
  ] as [string, Partial<CreateResourceServerCommandInput>, string][])(
    'refuses %s with InvalidParameterException',
    async (_case, input, message) => {
      const error = await create(input).then(
        () => undefined,
        (err: unknown) => err as Error,
      );
      expect(error?.name).toBe('InvalidParameterException');
      expect(error?.message).toContain(message);
    },
  );

  it('refuses an identifier the pool already has', async () => {
    await create({ Identifier: 'taken' });
    await expect(create({ Identifier: 'taken', Name: 'Other' })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: `A resource server with identifier taken already exists in user pool ${poolId}.`,
    });
  });

  it.each([
    [
      'DescribeResourceServer',
      () => h.sdk.send(new DescribeResourceServerCommand({ UserPoolId: poolId, Identifier: 'missing' })),
    ],
    [
      'UpdateResourceServer',
      () =>
        h.sdk.send(new UpdateResourceServerCommand({ UserPoolId: poolId, Identifier: 'missing', Name: 'M' })),
    ],
    [
      'DeleteResourceServer',
      () => h.sdk.send(new DeleteResourceServerCommand({ UserPoolId: poolId, Identifier: 'missing' })),
    ],
  ])('answers %s for a server the pool lacks with ResourceNotFoundException', async (_operation, send) => {
    await expect(send()).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Resource server missing does not exist in user pool ${poolId}.`,
    });
  });

  it('answers a pool that does not exist with ResourceNotFoundException', async () => {
    await expect(
      h.sdk.send(new ListResourceServersCommand({ UserPoolId: 'us-east-1_NoSuchPool', MaxResults: 10 })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'User pool us-east-1_NoSuchPool does not exist.',
    });
  });
});
