import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPreTokenGenerationHandler } from '../../src/pre-token-generation/pre-token-generation-handler.js';
import { capturedLogger } from '../support/log-capture.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** A V2 event as Cognito sends it (shape from the Cognito developer guide's example). */
function v2Event(
  triggerSource: PreTokenGenerationV2TriggerEvent['triggerSource'],
  userAttributes: Record<string, string>,
  groups: string[],
): PreTokenGenerationV2TriggerEvent {
  return {
    version: '2',
    triggerSource,
    region: 'us-east-1',
    userPoolId: 'us-east-1_AbC123xyz',
    userName: 'd2f50444-0041-7036-aea2-a955fca33d37',
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: '3nkoep4151b7umeggnottc30u9' },
    request: {
      userAttributes: {
        sub: 'd2f50444-0041-7036-aea2-a955fca33d37',
        'cognito:user_status': 'CONFIRMED',
        email_verified: 'true',
        ...userAttributes,
      },
      groupConfiguration: { groupsToOverride: groups, iamRolesToOverride: [], preferredRole: undefined },
      scopes: ['aws.cognito.signin.user.admin'],
    },
    response: { claimsAndScopeOverrideDetails: null as never },
  } as PreTokenGenerationV2TriggerEvent;
}

describe('the pre-token-generation trigger', () => {
  it.each([
    'TokenGeneration_Authentication',
    'TokenGeneration_HostedAuth',
    'TokenGeneration_NewPasswordChallenge',
    'TokenGeneration_AuthenticateDevice',
    'TokenGeneration_RefreshTokens',
  ] as const)('adds the claims to both tokens on %s', async (source) => {
    const { logger } = capturedLogger();
    const handler = createPreTokenGenerationHandler(logger);
    const event = await handler(v2Event(source, { email: 'grace@example.com', name: 'Grace' }, ['admin']));
    expect(event.response.claimsAndScopeOverrideDetails).toEqual({
      idTokenGeneration: { claimsToAddOrOverride: { display_name: 'Grace', role: 'admin' } },
      accessTokenGeneration: {
        claimsToAddOrOverride: { display_name: 'Grace', role: 'admin', email: 'grace@example.com' },
      },
    });
  });

  it('derives member for users outside the admin group', async () => {
    const { logger } = capturedLogger();
    const event = await createPreTokenGenerationHandler(logger)(
      v2Event('TokenGeneration_Authentication', { email: 'bob@example.com' }, []),
    );
    expect(event.response.claimsAndScopeOverrideDetails.accessTokenGeneration?.claimsToAddOrOverride).toEqual(
      {
        display_name: 'bob',
        role: 'member',
        email: 'bob@example.com',
      },
    );
  });

  it('keeps overrides already present in the response', async () => {
    const { logger } = capturedLogger();
    const event = v2Event('TokenGeneration_Authentication', {}, []);
    event.response.claimsAndScopeOverrideDetails = {
      accessTokenGeneration: { scopesToAdd: ['notes/read'], claimsToAddOrOverride: { plan: 'free' } },
    };
    const result = await createPreTokenGenerationHandler(logger)(event);
    expect(result.response.claimsAndScopeOverrideDetails.accessTokenGeneration).toMatchObject({
      scopesToAdd: ['notes/read'],
      claimsToAddOrOverride: { plan: 'free', role: 'member' },
    });
  });

  it('answers a version 1 event in the V1 format, ID token only, and logs why', async () => {
    const { logger, lines } = capturedLogger();
    const v1 = {
      ...v2Event('TokenGeneration_Authentication', { email: 'lin@example.com' }, ['admin']),
      version: '1',
      response: { claimsOverrideDetails: null },
    };
    const result = (await createPreTokenGenerationHandler(logger)(v1 as never)) as unknown as typeof v1;
    expect(result.response).toEqual({
      claimsOverrideDetails: { claimsToAddOrOverride: { display_name: 'lin', role: 'admin' } },
    });
    expect(lines().at(-1)).toMatchObject({ level: 'WARN', version: '1' });
  });

  it('logs which claims it added but not their values', async () => {
    const { logger, text } = capturedLogger();
    await createPreTokenGenerationHandler(logger)(
      v2Event('TokenGeneration_Authentication', { email: 'private@example.com' }, []),
    );
    expect(text()).toContain('display_name');
    expect(text()).not.toContain('private@example.com');
  });
});
