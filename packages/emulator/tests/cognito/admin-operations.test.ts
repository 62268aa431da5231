import {
  AdminAddUserToGroupCommand,
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  CreateGroupCommand,
  GetUserCommand,
  ListUsersCommand,
  ListUsersInGroupCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import {
  createConfirmedUser,
  type Harness,
  passwordSignIn,
  STRONG_PASSWORD,
  usePoolHarness,
} from './cognito-test-harness.js';

describe('admin user operations', () => {
  let h: Harness;
  let poolId: string;
  let clientId: string;

  usePoolHarness((t) => {
    ({ h, poolId, clientId } = t);
  });

  it('AdminCreateUser creates FORCE_CHANGE_PASSWORD users and sends a temporary password that meets the policy', async () => {
    const out = await h.sdk.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: 'hal',
        UserAttributes: [{ Name: 'email', Value: 'hal@example.com' }],
        DesiredDeliveryMediums: ['EMAIL'],
      }),
    );
    expect(out.User).toMatchObject({ Username: 'hal', Enabled: true, UserStatus: 'FORCE_CHANGE_PASSWORD' });
    expect(out.User?.UserCreateDate).toBeInstanceOf(Date);
    const message = h.service.outbox.latest(poolId, 'hal');
    expect(message).toMatchObject({
      kind: 'AdminCreateUser',
      deliveryMedium: 'EMAIL',
      destination: 'hal@example.com',
    });
    const temp = message?.temporaryPassword ?? '';
    expect(temp).toMatch(/[a-z]/);
    expect(temp).toMatch(/[A-Z]/);
    expect(temp).toMatch(/[0-9]/);
    expect(temp.length).toBeGreaterThanOrEqual(8);
    await expect(passwordSignIn(h, clientId, 'hal', temp)).rejects.toThrow(/no tokens/);
    await expect(
      h.sdk.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'hal' })),
    ).rejects.toMatchObject({ name: 'UsernameExistsException' });
  });

  it('AdminCreateUser with MessageAction RESEND sends a new temporary password', async () => {
    await h.sdk.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: 'ida',
        UserAttributes: [{ Name: 'email', Value: 'ida@example.com' }],
        DesiredDeliveryMediums: ['EMAIL'],
      }),
    );
    const first = h.service.outbox.latest(poolId, 'ida')?.temporaryPassword;
    await h.sdk.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: 'ida',
        MessageAction: 'RESEND',
        DesiredDeliveryMediums: ['EMAIL'],
      }),
    );
    const second = h.service.outbox.latest(poolId, 'ida')?.temporaryPassword;
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
  });

  it('AdminConfirmSignUp confirms an unconfirmed user once', async () => {
    await h.sdk.send(new SignUpCommand({ ClientId: clientId, Username: 'jon', Password: STRONG_PASSWORD }));
    await h.sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: 'jon' }));
    await expect(passwordSignIn(h, clientId, 'jon')).resolves.toMatchObject({ TokenType: 'Bearer' });
    await expect(
      h.sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: 'jon' })),
    ).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'User cannot be confirmed. Current status is CONFIRMED',
    });
  });

  it('AdminUpdateUserAttributes sets attributes, including verified flags', async () => {
    await createConfirmedUser(h, poolId, 'kai');
    await h.sdk.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: poolId,
        Username: 'kai',
        UserAttributes: [
          { Name: 'email', Value: 'kai@example.com' },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'given_name', Value: 'Kai' },
        ],
      }),
    );
    const user = await h.sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'kai' }));
    expect(user.UserAttributes).toEqual(
      expect.arrayContaining([
        { Name: 'email', Value: 'kai@example.com' },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'given_name', Value: 'Kai' },
      ]),
    );
  });

  it('manages group membership and puts groups into tokens', async () => {
    await h.sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'staff' }));
    await createConfirmedUser(h, poolId, 'lou');
    await h.sdk.send(
      new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'lou', GroupName: 'staff' }),
    );
    const groups = await h.sdk.send(
      new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: 'lou' }),
    );
    expect(groups.Groups?.map((g) => g.GroupName)).toEqual(['staff']);
    const inGroup = await h.sdk.send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: 'staff' }));
    expect(inGroup.Users?.map((u) => u.Username)).toEqual(['lou']);
    const t = await passwordSignIn(h, clientId, 'lou');
    expect(
      JSON.parse(Buffer.from(t.AccessToken.split('.')[1] ?? '', 'base64url').toString())['cognito:groups'],
    ).toEqual(['staff']);
    await h.sdk.send(
      new AdminRemoveUserFromGroupCommand({ UserPoolId: poolId, Username: 'lou', GroupName: 'staff' }),
    );
    const after = await h.sdk.send(
      new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: 'lou' }),
    );
    expect(after.Groups).toEqual([]);
    await expect(
      h.sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'lou', GroupName: 'nope' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'Group not found.' });
    await expect(
      h.sdk.send(
        new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'ghost', GroupName: 'staff' }),
      ),
    ).rejects.toMatchObject({ name: 'UserNotFoundException' });
  });

  it('AdminUserGlobalSignOut revokes the user’s tokens', async () => {
    await createConfirmedUser(h, poolId, 'max');
    const t = await passwordSignIn(h, clientId, 'max');
    await h.sdk.send(new AdminUserGlobalSignOutCommand({ UserPoolId: poolId, Username: 'max' }));
    await expect(h.sdk.send(new GetUserCommand({ AccessToken: t.AccessToken }))).rejects.toMatchObject({
      message: 'Access Token has been revoked',
    });
  });

  it('AdminDeleteUser deletes, and then the user is not found', async () => {
    await createConfirmedUser(h, poolId, 'ned');
    await h.sdk.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: 'ned' }));
    await expect(
      h.sdk.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: 'ned' })),
    ).rejects.toMatchObject({
      name: 'UserNotFoundException',
      message: 'User does not exist.',
    });
  });

  it('refuses operations on an unknown pool', async () => {
    await expect(
      h.sdk.send(new AdminGetUserCommand({ UserPoolId: 'us-east-1_Missing00', Username: 'x' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'User pool us-east-1_Missing00 does not exist.',
    });
  });
});

describe('ListUsers', () => {
  let h: Harness;
  let poolId: string;

  usePoolHarness(async (t) => {
    ({ h, poolId } = t);
    for (let i = 0; i < 25; i++) {
      await h.sdk.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: `user${String(i).padStart(2, '0')}`,
          UserAttributes: [
            { Name: 'email', Value: `user${i}@${i % 2 === 0 ? 'even' : 'odd'}.example.com` },
            { Name: 'given_name', Value: i < 5 ? 'Ann' : 'Bob' },
          ],
          MessageAction: 'SUPPRESS',
        }),
      );
    }
  });

  it('pages through every user with Limit and PaginationToken', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await h.sdk.send(
        new ListUsersCommand({ UserPoolId: poolId, Limit: 10, PaginationToken: token }),
      );
      seen.push(...(page.Users ?? []).map((u) => u.Username ?? ''));
      token = page.PaginationToken;
      pages++;
    } while (token !== undefined);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
  });

  it.each([
    ['given_name = "Ann"', 5],
    ['given_name ^= "B"', 20],
    ['email = "user3@odd.example.com"', 1],
    ['email ^= "user1"', 11],
    ['username = "user07"', 1],
    ['cognito:user_status = "FORCE_CHANGE_PASSWORD"', 25],
    ['status = "Enabled"', 25],
    ['family_name = "Nobody"', 0],
  ])('filters with %s', async (Filter, count) => {
    const out = await h.sdk.send(new ListUsersCommand({ UserPoolId: poolId, Filter }));
    expect(out.Users).toHaveLength(count);
  });

  it.each([
    ['given_name == "Ann"', 'Error while parsing filter.'],
    ['shoe_size = "42"', 'Invalid search attribute: shoe_size'],
    ['given_name = Ann', 'Error while parsing filter.'],
  ])('refuses the filter %s', async (Filter, message) => {
    await expect(h.sdk.send(new ListUsersCommand({ UserPoolId: poolId, Filter }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message,
    });
  });

  it('returns only AttributesToGet', async () => {
    const out = await h.sdk.send(
      new ListUsersCommand({ UserPoolId: poolId, Limit: 1, AttributesToGet: ['email'] }),
    );
    expect(out.Users?.[0]?.Attributes?.map((a) => a.Name)).toEqual(['email']);
  });

  it('refuses a made-up pagination token', async () => {
    await expect(
      h.sdk.send(new ListUsersCommand({ UserPoolId: poolId, PaginationToken: 'bm9wZQ' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });
});
