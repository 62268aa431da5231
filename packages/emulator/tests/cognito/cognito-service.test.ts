import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COGNITO_OPERATIONS, CognitoService } from '../../src/cognito/index.js';
import { STRONG_PASSWORD } from './cognito-test-harness.js';

const ISSUE_OPERATIONS = [
  'CreateUserPool',
  'DescribeUserPool',
  'ListUserPools',
  'UpdateUserPool',
  'DeleteUserPool',
  'CreateUserPoolClient',
  'DescribeUserPoolClient',
  'ListUserPoolClients',
  'UpdateUserPoolClient',
  'DeleteUserPoolClient',
  'CreateGroup',
  'GetGroup',
  'ListGroups',
  'DeleteGroup',
  'SignUp',
  'ConfirmSignUp',
  'ResendConfirmationCode',
  'InitiateAuth',
  'RespondToAuthChallenge',
  'GetTokensFromRefreshToken',
  'GetUser',
  'UpdateUserAttributes',
  'VerifyUserAttribute',
  'GetUserAttributeVerificationCode',
  'DeleteUser',
  'ChangePassword',
  'ForgotPassword',
  'ConfirmForgotPassword',
  'GlobalSignOut',
  'RevokeToken',
  'AdminCreateUser',
  'AdminGetUser',
  'AdminConfirmSignUp',
  'AdminSetUserPassword',
  'AdminResetUserPassword',
  'AdminDeleteUser',
  'AdminDisableUser',
  'AdminEnableUser',
  'AdminUpdateUserAttributes',
  'AdminAddUserToGroup',
  'AdminRemoveUserFromGroup',
  'AdminListGroupsForUser',
  'AdminInitiateAuth',
  'AdminRespondToAuthChallenge',
  'AdminUserGlobalSignOut',
  'ListUsers',
  'ListUsersInGroup',
];

describe('CognitoService', () => {
  let service: CognitoService;
  let poolId: string;
  let clientId: string;

  beforeAll(async () => {
    service = CognitoService.open({ database: ':memory:' });
    poolId = ((await service.call('CreateUserPool', { PoolName: 'svc' })).UserPool as { Id: string }).Id;
    clientId = (
      (
        await service.call('CreateUserPoolClient', {
          UserPoolId: poolId,
          ClientName: 'c',
          ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        })
      ).UserPoolClient as { ClientId: string }
    ).ClientId;
    await service.call('CreateGroup', { UserPoolId: poolId, GroupName: 'g' });
  });
  afterAll(() => service.close());

  it('answers every operation the emulator promises', () => {
    for (const op of ISSUE_OPERATIONS) expect(COGNITO_OPERATIONS).toContain(op);
  });

  it.each(ISSUE_OPERATIONS)('%s refuses an empty input, naming a missing member', async (operation) => {
    await expect(service.call(operation, {})).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringMatching(
        /Value null at '\w+' failed to satisfy constraint: Member must not be null/,
      ),
    });
  });

  const missingPool = 'us-east-1_Missing00';
  const missingClient = 'missingclient0000000000000';
  const ghost = { UserPoolId: 'POOL', Username: 'ghost' };
  it.each([
    ['DescribeUserPool', { UserPoolId: missingPool }, 'ResourceNotFoundException'],
    ['UpdateUserPool', { UserPoolId: missingPool }, 'ResourceNotFoundException'],
    ['DeleteUserPool', { UserPoolId: missingPool }, 'ResourceNotFoundException'],
    ['CreateUserPoolClient', { UserPoolId: missingPool, ClientName: 'x' }, 'ResourceNotFoundException'],
    ['DescribeUserPoolClient', { UserPoolId: 'POOL', ClientId: missingClient }, 'ResourceNotFoundException'],
    ['ListUserPoolClients', { UserPoolId: missingPool }, 'ResourceNotFoundException'],
    ['UpdateUserPoolClient', { UserPoolId: 'POOL', ClientId: missingClient }, 'ResourceNotFoundException'],
    ['DeleteUserPoolClient', { UserPoolId: 'POOL', ClientId: missingClient }, 'ResourceNotFoundException'],
    ['CreateGroup', { UserPoolId: missingPool, GroupName: 'g' }, 'ResourceNotFoundException'],
    ['GetGroup', { UserPoolId: 'POOL', GroupName: 'nope' }, 'ResourceNotFoundException'],
    ['ListGroups', { UserPoolId: missingPool }, 'ResourceNotFoundException'],
    ['DeleteGroup', { UserPoolId: 'POOL', GroupName: 'nope' }, 'ResourceNotFoundException'],
    [
      'SignUp',
      { ClientId: missingClient, Username: 'u', Password: STRONG_PASSWORD },
      'ResourceNotFoundException',
    ],
    [
      'ConfirmSignUp',
      { ClientId: 'CLIENT', Username: 'ghost', ConfirmationCode: '123456' },
      'UserNotFoundException',
    ],
    ['ResendConfirmationCode', { ClientId: 'CLIENT', Username: 'ghost' }, 'UserNotFoundException'],
    [
      'InitiateAuth',
      {
        ClientId: 'CLIENT',
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'ghost', PASSWORD: 'x' },
      },
      'UserNotFoundException',
    ],
    [
      'RespondToAuthChallenge',
      {
        ClientId: 'CLIENT',
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeResponses: {
          USERNAME: 'u',
          PASSWORD_CLAIM_SECRET_BLOCK: 'b',
          TIMESTAMP: 't',
          PASSWORD_CLAIM_SIGNATURE: 's',
        },
      },
      'NotAuthorizedException',
    ],
    [
      'GetTokensFromRefreshToken',
      { ClientId: 'CLIENT', RefreshToken: 'a.b.c.d.e' },
      'NotAuthorizedException',
    ],
    ['GetUser', { AccessToken: 'a.b.c' }, 'NotAuthorizedException'],
    ['UpdateUserAttributes', { AccessToken: 'a.b.c', UserAttributes: [] }, 'NotAuthorizedException'],
    [
      'VerifyUserAttribute',
      { AccessToken: 'a.b.c', AttributeName: 'email', Code: '1' },
      'NotAuthorizedException',
    ],
    [
      'GetUserAttributeVerificationCode',
      { AccessToken: 'a.b.c', AttributeName: 'email' },
      'NotAuthorizedException',
    ],
    ['DeleteUser', { AccessToken: 'a.b.c' }, 'NotAuthorizedException'],
    [
      'ChangePassword',
      { AccessToken: 'a.b.c', PreviousPassword: 'x', ProposedPassword: STRONG_PASSWORD },
      'NotAuthorizedException',
    ],
    ['ForgotPassword', { ClientId: 'CLIENT', Username: 'ghost' }, 'UserNotFoundException'],
    [
      'ConfirmForgotPassword',
      { ClientId: 'CLIENT', Username: 'ghost', ConfirmationCode: '1', Password: STRONG_PASSWORD },
      'UserNotFoundException',
    ],
    ['GlobalSignOut', { AccessToken: 'a.b.c' }, 'NotAuthorizedException'],
    ['RevokeToken', { ClientId: missingClient, Token: 'a.b.c.d.e' }, 'ResourceNotFoundException'],
    ['AdminCreateUser', { UserPoolId: missingPool, Username: 'u' }, 'ResourceNotFoundException'],
    ['AdminGetUser', ghost, 'UserNotFoundException'],
    ['AdminConfirmSignUp', ghost, 'UserNotFoundException'],
    [
      'AdminSetUserPassword',
      { ...ghost, Password: STRONG_PASSWORD, Permanent: true },
      'UserNotFoundException',
    ],
    ['AdminResetUserPassword', ghost, 'UserNotFoundException'],
    ['AdminDeleteUser', ghost, 'UserNotFoundException'],
    ['AdminDisableUser', ghost, 'UserNotFoundException'],
    ['AdminEnableUser', ghost, 'UserNotFoundException'],
    ['AdminUpdateUserAttributes', { ...ghost, UserAttributes: [] }, 'UserNotFoundException'],
    ['AdminAddUserToGroup', { ...ghost, GroupName: 'g' }, 'UserNotFoundException'],
    ['AdminRemoveUserFromGroup', { ...ghost, GroupName: 'g' }, 'UserNotFoundException'],
    ['AdminListGroupsForUser', ghost, 'UserNotFoundException'],
    [
      'AdminInitiateAuth',
      {
        UserPoolId: 'POOL',
        ClientId: 'CLIENT',
        AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'ghost', PASSWORD: 'x' },
      },
      'InvalidParameterException',
    ],
    [
      'AdminRespondToAuthChallenge',
      {
        UserPoolId: 'POOL',
        ClientId: 'CLIENT',
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: 'x'.repeat(40),
        ChallengeResponses: { USERNAME: 'u', NEW_PASSWORD: STRONG_PASSWORD },
      },
      'NotAuthorizedException',
    ],
    ['AdminUserGlobalSignOut', ghost, 'UserNotFoundException'],
    ['ListUsers', { UserPoolId: missingPool }, 'ResourceNotFoundException'],
    ['ListUsersInGroup', { UserPoolId: 'POOL', GroupName: 'nope' }, 'ResourceNotFoundException'],
  ] as const)('%s fails as AWS does for what does not exist', async (operation, input, name) => {
    const resolved = JSON.parse(
      JSON.stringify(input)
        .replaceAll('"POOL"', JSON.stringify(poolId))
        .replaceAll('"CLIENT"', JSON.stringify(clientId)),
    );
    await expect(service.call(operation, resolved)).rejects.toMatchObject({ name, statusCode: 400 });
  });

  it('refuses IAM operations called as unsigned requests', async () => {
    await expect(service.call('ListUsers', { UserPoolId: poolId }, { sigv4: false })).rejects.toMatchObject({
      name: 'MissingAuthenticationTokenException',
    });
    await expect(service.call('ListUsers', { UserPoolId: poolId }, { sigv4: true })).resolves.toMatchObject({
      Users: [],
    });
  });

  it('rejects an unknown operation, including inherited object keys', async () => {
    for (const op of ['Nope', 'constructor', '__proto__', 'toString']) {
      await expect(service.call(op, {})).rejects.toMatchObject({ name: 'UnknownOperationException' });
    }
  });

  it('answers unexpected input shapes without crashing', async () => {
    for (const input of [
      null,
      42,
      'text',
      [],
      { UserAttributes: 'x', ClientId: 'c', Username: 'u', Password: 'p' },
    ]) {
      await expect(service.call('SignUp', input)).rejects.toMatchObject({ statusCode: 400 });
    }
  });
});
