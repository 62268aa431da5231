import {
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolCommand,
  ListUserPoolsCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { type Harness, useHarness } from './cognito-test-harness.js';

describe('user pools', () => {
  let h: Harness;
  useHarness((started) => {
    h = started;
  });

  it('creates a pool with an AWS-shaped id and ARN, and describes it', async () => {
    const created = await h.sdk.send(
      new CreateUserPoolCommand({
        PoolName: 'app',
        Policies: { PasswordPolicy: { MinimumLength: 10, RequireSymbols: false } },
        Schema: [{ Name: 'tenant', AttributeDataType: 'String', Mutable: true }],
        UserPoolTags: { team: 'gate' },
      }),
    );
    const id = created.UserPool?.Id ?? '';
    expect(id).toMatch(/^us-east-1_[A-Za-z0-9]{9}$/);
    expect(created.UserPool?.Arn).toBe(`arn:aws:cognito-idp:us-east-1:000000000000:userpool/${id}`);
    const described = await h.sdk.send(new DescribeUserPoolCommand({ UserPoolId: id }));
    expect(described.UserPool?.Policies?.PasswordPolicy).toMatchObject({
      MinimumLength: 10,
      RequireSymbols: false,
    });
    expect(described.UserPool?.SchemaAttributes?.map((a) => a.Name)).toContain('custom:tenant');
    expect(described.UserPool?.UserPoolTags).toEqual({ team: 'gate' });
    expect(described.UserPool?.CreationDate).toBeInstanceOf(Date);
    expect(described.UserPool?.EstimatedNumberOfUsers).toBe(0);
  });

  it('keeps the settings it does not act on and returns them from DescribeUserPool', async () => {
    const settings = {
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email' as const, Priority: 1 }] },
      EmailVerificationSubject: 'Your code',
      VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE' as const },
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: true },
    };
    const created = await h.sdk.send(new CreateUserPoolCommand({ PoolName: 'kept', ...settings }));
    const described = await h.sdk.send(new DescribeUserPoolCommand({ UserPoolId: created.UserPool?.Id }));
    expect(described.UserPool).toMatchObject(settings);
  });

  it('answers the schema in AWS order with every member, custom attributes last', async () => {
    const created = await h.sdk.send(
      new CreateUserPoolCommand({
        PoolName: 'schema',
        Schema: [
          { Name: 'tenant', AttributeDataType: 'Number', Mutable: false },
          { Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true },
        ],
      }),
    );
    const id = created.UserPool?.Id ?? '';
    const described = await h.sdk.send(new DescribeUserPoolCommand({ UserPoolId: id }));
    for (const schema of [created.UserPool?.SchemaAttributes, described.UserPool?.SchemaAttributes]) {
      expect(schema?.map((a) => a.Name)).toEqual([
        'sub',
        'name',
        'given_name',
        'family_name',
        'middle_name',
        'nickname',
        'preferred_username',
        'profile',
        'picture',
        'website',
        'email',
        'email_verified',
        'gender',
        'birthdate',
        'zoneinfo',
        'locale',
        'phone_number',
        'phone_number_verified',
        'address',
        'updated_at',
        'identities',
        'custom:tenant',
      ]);
      const byName = new Map(schema?.map((a) => [a.Name, a]));
      expect(byName.get('sub')).toEqual({
        Name: 'sub',
        AttributeDataType: 'String',
        DeveloperOnlyAttribute: false,
        Mutable: false,
        Required: true,
        StringAttributeConstraints: { MinLength: '1', MaxLength: '2048' },
      });
      expect(byName.get('email')).toMatchObject({ Required: true, Mutable: true });
      expect(byName.get('email_verified')).toEqual({
        Name: 'email_verified',
        AttributeDataType: 'Boolean',
        DeveloperOnlyAttribute: false,
        Mutable: true,
        Required: false,
      });
      expect(byName.get('birthdate')?.StringAttributeConstraints).toEqual({
        MinLength: '10',
        MaxLength: '10',
      });
      expect(byName.get('updated_at')?.NumberAttributeConstraints).toEqual({ MinValue: '0' });
      expect(byName.get('custom:tenant')).toEqual({
        Name: 'custom:tenant',
        AttributeDataType: 'Number',
        DeveloperOnlyAttribute: false,
        Mutable: false,
        Required: false,
        NumberAttributeConstraints: {},
      });
    }
  });

  it('updates a pool, resetting what is not given, as AWS does', async () => {
    const id = (
      await h.sdk.send(
        new CreateUserPoolCommand({
          PoolName: 'upd',
          MfaConfiguration: 'OFF',
          AutoVerifiedAttributes: ['email'],
        }),
      )
    ).UserPool?.Id;
    await h.sdk.send(
      new UpdateUserPoolCommand({ UserPoolId: id, Policies: { PasswordPolicy: { MinimumLength: 12 } } }),
    );
    const d = await h.sdk.send(new DescribeUserPoolCommand({ UserPoolId: id }));
    expect(d.UserPool?.Policies?.PasswordPolicy?.MinimumLength).toBe(12);
    expect(d.UserPool?.AutoVerifiedAttributes).toBeUndefined();
  });

  it('lists pools page by page', async () => {
    for (const name of ['p1', 'p2', 'p3']) await h.sdk.send(new CreateUserPoolCommand({ PoolName: name }));
    const first = await h.sdk.send(new ListUserPoolsCommand({ MaxResults: 2 }));
    expect(first.UserPools).toHaveLength(2);
    expect(first.NextToken).toBeDefined();
    const rest = await h.sdk.send(new ListUserPoolsCommand({ MaxResults: 60, NextToken: first.NextToken }));
    expect((rest.UserPools ?? []).length).toBeGreaterThanOrEqual(3);
  });

  it('respects deletion protection', async () => {
    const id = (
      await h.sdk.send(new CreateUserPoolCommand({ PoolName: 'keep', DeletionProtection: 'ACTIVE' }))
    ).UserPool?.Id;
    await expect(h.sdk.send(new DeleteUserPoolCommand({ UserPoolId: id }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await h.sdk.send(new UpdateUserPoolCommand({ UserPoolId: id, DeletionProtection: 'INACTIVE' }));
    await h.sdk.send(new DeleteUserPoolCommand({ UserPoolId: id }));
    await expect(h.sdk.send(new DescribeUserPoolCommand({ UserPoolId: id }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('refuses both alias and username attributes', async () => {
    await expect(
      h.sdk.send(
        new CreateUserPoolCommand({
          PoolName: 'x',
          AliasAttributes: ['email'],
          UsernameAttributes: ['email'],
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it.each([[{ MinimumLength: 5 }], [{ MinimumLength: 100 }], [{ TemporaryPasswordValidityDays: 400 }]])(
    'refuses the password policy %j',
    async (PasswordPolicy) => {
      await expect(
        h.sdk.send(new CreateUserPoolCommand({ PoolName: 'x', Policies: { PasswordPolicy } })),
      ).rejects.toMatchObject({
        name: 'InvalidParameterException',
      });
    },
  );
});
