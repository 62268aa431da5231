import { describe, expect, it } from 'vitest';
import {
  CLIENT_PASSTHROUGH,
  clientSettings,
  creationOnlySettings,
  POOL_PASSTHROUGH,
  poolSettings,
  USER_POOL_CLIENT_MEMBERS,
  USER_POOL_MEMBERS,
} from '../../../src/cognito/domain/settings-specs.js';

describe('the settings specs', () => {
  it('keeps as given exactly the pool settings no rule of ours reads', () => {
    expect([...POOL_PASSTHROUGH].sort()).toEqual(
      [
        'SmsVerificationMessage',
        'EmailVerificationMessage',
        'EmailVerificationSubject',
        'VerificationMessageTemplate',
        'SmsAuthenticationMessage',
        'DeviceConfiguration',
        'EmailConfiguration',
        'SmsConfiguration',
        'UserPoolAddOns',
        'AccountRecoverySetting',
        'UserPoolTier',
      ].sort(),
    );
  });

  it('keeps as given exactly the client settings no rule of ours reads', () => {
    expect([...CLIENT_PASSTHROUGH].sort()).toEqual(
      ['AnalyticsConfiguration', 'EnablePropagateAdditionalUserContextData'].sort(),
    );
  });

  it('lets a provisioner copy a client’s OAuth settings, which the client keeps as its own members', () => {
    const oauth = [
      'SupportedIdentityProviders',
      'CallbackURLs',
      'LogoutURLs',
      'DefaultRedirectURI',
      'AllowedOAuthFlows',
      'AllowedOAuthScopes',
      'AllowedOAuthFlowsUserPoolClient',
    ];
    expect(USER_POOL_CLIENT_MEMBERS.update).toEqual(expect.arrayContaining(oauth));
    for (const name of oauth) expect(CLIENT_PASSTHROUGH).not.toContain(name);
  });

  it.each<[string, readonly string[], readonly string[]]>([
    ['pool', POOL_PASSTHROUGH, Object.keys(poolSettings)],
    ['client', CLIENT_PASSTHROUGH, Object.keys(clientSettings)],
  ])('checks every kept %s setting against its spec', (_kind, kept, specified) => {
    for (const name of kept) expect(specified).toContain(name);
  });

  it('lets a provisioner copy the creation-only pool members into CreateUserPool only', () => {
    for (const name of Object.keys(creationOnlySettings)) {
      expect(USER_POOL_MEMBERS.create).toContain(name);
      expect(USER_POOL_MEMBERS.update).not.toContain(name);
    }
    expect(USER_POOL_MEMBERS.create).toEqual(expect.arrayContaining([...USER_POOL_MEMBERS.update]));
  });

  it('lets a provisioner copy GenerateSecret into CreateUserPoolClient only', () => {
    expect(USER_POOL_CLIENT_MEMBERS.create).toEqual([...USER_POOL_CLIENT_MEMBERS.update, 'GenerateSecret']);
    expect(USER_POOL_CLIENT_MEMBERS.update[0]).toBe('ClientName');
  });
});
