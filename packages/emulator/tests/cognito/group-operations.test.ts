import {
  CreateGroupCommand,
  CreateUserPoolCommand,
  DeleteGroupCommand,
  GetGroupCommand,
  ListGroupsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { type Harness, useHarness } from './cognito-test-harness.js';

describe('groups', () => {
  let h: Harness;
  useHarness((started) => {
    h = started;
  });

  it('creates, gets, lists and deletes groups', async () => {
    const poolId = (await h.sdk.send(new CreateUserPoolCommand({ PoolName: 'groups' }))).UserPool?.Id ?? '';
    for (const g of ['a', 'b', 'c'])
      await h.sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: g, Precedence: 1 }));
    await expect(
      h.sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'a' })),
    ).rejects.toMatchObject({
      name: 'GroupExistsException',
      message: 'A group with the name a already exists.',
    });
    expect(
      (await h.sdk.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'b' }))).Group,
    ).toMatchObject({ GroupName: 'b', Precedence: 1 });
    const page = await h.sdk.send(new ListGroupsCommand({ UserPoolId: poolId, Limit: 2 }));
    expect(page.Groups?.map((g) => g.GroupName)).toEqual(['a', 'b']);
    const rest = await h.sdk.send(
      new ListGroupsCommand({ UserPoolId: poolId, Limit: 2, NextToken: page.NextToken }),
    );
    expect(rest.Groups?.map((g) => g.GroupName)).toEqual(['c']);
    expect(rest.NextToken).toBeUndefined();
    await h.sdk.send(new DeleteGroupCommand({ UserPoolId: poolId, GroupName: 'a' }));
    await expect(
      h.sdk.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'a' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Group not found.',
    });
  });
});
