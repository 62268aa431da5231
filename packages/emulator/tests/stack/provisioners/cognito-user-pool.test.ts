import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CognitoService } from '../../../src/cognito/index.js';
import { createMemoryLogger } from '../../../src/logger.js';
import { cognitoUserPoolProvisioner } from '../../../src/stack/provisioners/cognito-user-pool.js';
import { provisionRequest, updateRequest } from '../support/template-stack.js';

const TYPE = 'AWS::Cognito::UserPool';
const log = createMemoryLogger();
let cognito: CognitoService;

beforeEach(() => {
  cognito = CognitoService.open({ database: ':memory:', region: 'eu-west-1' });
  log.entries.length = 0;
});

afterEach(() => {
  cognito.close();
});

function provisioner() {
  return cognitoUserPoolProvisioner({ cognito, region: 'eu-west-1', accountId: '000000000000', log });
}

async function describePool(poolId: string): Promise<Record<string, unknown>> {
  return (await cognito.call('DescribeUserPool', { UserPoolId: poolId })).UserPool as Record<string, unknown>;
}

describe('cognitoUserPoolProvisioner', () => {
  it("creates the pool from the template's properties and answers its id, ARN and provider", async () => {
    const created = await provisioner().create(
      provisionRequest(TYPE, { UserPoolName: 'app-users', UsernameAttributes: ['email'] }),
    );
    const id = created.physicalId;
    expect(id).toMatch(/^eu-west-1_[A-Za-z0-9]+$/);
    expect(created.attributes).toEqual({
      Arn: `arn:aws:cognito-idp:eu-west-1:000000000000:userpool/${id}`,
      ProviderName: `cognito-idp.eu-west-1.amazonaws.com/${id}`,
      ProviderURL: `https://cognito-idp.eu-west-1.amazonaws.com/${id}`,
      UserPoolId: id,
    });
    expect(await describePool(id)).toMatchObject({ Name: 'app-users', UsernameAttributes: ['email'] });
  });

  it('names a pool the template leaves unnamed in CloudFormation style', async () => {
    const created = await provisioner().create(provisionRequest(TYPE, {}, { logicalId: 'Users' }));
    expect(await describePool(created.physicalId)).toMatchObject({ Name: 'App-Users-GENERATED' });
  });

  it('updates a recorded pool in place and adds new custom attributes', async () => {
    const request = provisionRequest(TYPE, { UserPoolName: 'app' });
    const created = await provisioner().create(request);
    const changed = provisionRequest(TYPE, {
      UserPoolName: 'app',
      Policies: { PasswordPolicy: { MinimumLength: 12 } },
      Schema: [{ Name: 'team', AttributeDataType: 'String', Mutable: true }],
    });
    expect(await provisioner().update(updateRequest(changed, created))).toEqual(created);
    const pool = await describePool(created.physicalId);
    expect(pool).toMatchObject({ Policies: { PasswordPolicy: { MinimumLength: 12 } } });
    expect((pool.SchemaAttributes as Array<{ Name: string }>).map((a) => a.Name)).toContain('custom:team');
  });

  it('keeps the pool and warns when the template changes how users sign in', async () => {
    const created = await provisioner().create(provisionRequest(TYPE, { UserPoolName: 'app' }));
    const changed = provisionRequest(TYPE, { UserPoolName: 'app', UsernameAttributes: ['email'] });
    expect((await provisioner().update(updateRequest(changed, created))).physicalId).toBe(created.physicalId);
    expect(log.entries.some((e) => e.level === 'warn' && e.msg.includes('changed UsernameAttributes'))).toBe(
      true,
    );
  });

  it('creates a recorded pool again, with a new id, when it is gone from the store', async () => {
    const request = provisionRequest(TYPE, { UserPoolName: 'app' });
    const recorded = { physicalId: 'eu-west-1_gone', attributes: {} };
    const again = await provisioner().update(updateRequest(request, recorded));
    expect(again.physicalId).not.toBe('eu-west-1_gone');
    expect(await describePool(again.physicalId)).toMatchObject({ Name: 'app' });
    expect(
      log.entries.some((e) => e.level === 'warn' && e.msg.includes('is gone from the Cognito store')),
    ).toBe(true);
  });

  it('keeps the previous settings, with a warning, when Cognito refuses an update', async () => {
    const created = await provisioner().create(provisionRequest(TYPE, { UserPoolName: 'app' }));
    const refused = provisionRequest(TYPE, {
      UserPoolName: 'app',
      Policies: { PasswordPolicy: { MinimumLength: 1 } },
    });
    await provisioner().update(updateRequest(refused, created));
    expect(await describePool(created.physicalId)).toMatchObject({
      Policies: { PasswordPolicy: { MinimumLength: 8 } },
    });
    expect(
      log.entries.some((e) => e.level === 'warn' && e.msg.includes('Could not update user pool Thing')),
    ).toBe(true);
  });

  const mfaConfig = async (poolId: string) => cognito.call('GetUserPoolMfaConfig', { UserPoolId: poolId });
  const SES = {
    UserPoolTier: 'ESSENTIALS',
    EmailConfiguration: {
      EmailSendingAccount: 'DEVELOPER',
      SourceArn: 'arn:aws:ses:eu-west-1:000000000000:identity/x.com',
    },
  };

  it("turns on the template's MFA (MfaConfiguration, EnabledMfas) and its first factors (SignInPolicy)", async () => {
    const created = await provisioner().create(
      provisionRequest(TYPE, {
        UserPoolName: 'mfa',
        ...SES,
        MfaConfiguration: 'OPTIONAL',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'],
        EmailAuthenticationSubject: 'Your code',
        Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
      }),
    );
    expect(await mfaConfig(created.physicalId)).toMatchObject({
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
      EmailMfaConfiguration: { Subject: 'Your code' },
    });
    expect(await describePool(created.physicalId)).toMatchObject({
      MfaConfiguration: 'OPTIONAL',
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
    });
  });

  it('changes MFA in place when the template does, and turns it off when the template drops it', async () => {
    const created = await provisioner().create(provisionRequest(TYPE, { UserPoolName: 'mfa' }));
    const on = provisionRequest(TYPE, {
      UserPoolName: 'mfa',
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
    });
    await provisioner().update(updateRequest(on, created));
    expect(await mfaConfig(created.physicalId)).toMatchObject({
      MfaConfiguration: 'ON',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    });
    await provisioner().update(updateRequest(provisionRequest(TYPE, { UserPoolName: 'mfa' }), created));
    expect(await mfaConfig(created.physicalId)).toMatchObject({ MfaConfiguration: 'OFF' });
  });

  it("fails the pool's creation when the template's MFA cannot be turned on, as CloudFormation would", async () => {
    await expect(
      provisioner().create(
        provisionRequest(TYPE, { UserPoolName: 'mfa', MfaConfiguration: 'ON', EnabledMfas: ['EMAIL_OTP'] }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    expect(await cognito.call('ListUserPools', { MaxResults: 60 })).toEqual({ UserPools: [] });
  });
});
