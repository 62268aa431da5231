import {
  AdminGetUserCommand,
  ConfirmSignUpCommand,
  GetUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createConfirmedUser,
  createPoolAndClient,
  decodeJwt,
  type Harness,
  passwordSignIn,
  rawCall,
  STRONG_PASSWORD,
  startHarness,
  useHarness,
  verifiers,
} from './cognito-test-harness.js';
import { EMAIL_CODE_POOL } from './mfa-test-support.js';

const arn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

/** The host's Lambda runtime is the edge we do not own: a table of handlers by function name. */
type Handler = (event: Record<string, unknown>) => unknown;

describe('Lambda triggers', () => {
  let h: Harness;
  const calls: { name: string; event: Record<string, unknown> }[] = [];
  const handlers = new Map<string, Handler>();

  useHarness(
    (started) => {
      h = started;
    },
    {
      invokeTrigger: async (functionArn, event) => {
        const name = functionArn.split(':').pop() ?? '';
        calls.push({ name, event: structuredClone(event) });
        const handler = handlers.get(name);
        return handler === undefined ? event : handler(event);
      },
    },
  );
  beforeEach(() => {
    calls.length = 0;
    handlers.clear();
  });

  it('calls PreSignUp with AWS’s event and honours autoConfirmUser / autoVerifyEmail', async () => {
    const { poolId, clientId } = await createPoolAndClient(h, {
      LambdaConfig: { PreSignUp: arn('pre-sign-up') },
    });
    handlers.set('pre-sign-up', (e) => ({
      ...e,
      response: { autoConfirmUser: true, autoVerifyEmail: true, autoVerifyPhone: false },
    }));
    const out = await h.sdk.send(
      new SignUpCommand({
        ClientId: clientId,
        Username: 'ada',
        Password: STRONG_PASSWORD,
        UserAttributes: [{ Name: 'email', Value: 'ada@example.com' }],
        ValidationData: [{ Name: 'invite', Value: 'abc' }],
        ClientMetadata: { source: 'test' },
      }),
    );
    expect(out.UserConfirmed).toBe(true);
    expect(out.CodeDeliveryDetails).toBeUndefined();
    expect(calls[0]?.event).toEqual({
      version: '1',
      triggerSource: 'PreSignUp_SignUp',
      region: 'us-east-1',
      userPoolId: poolId,
      userName: 'ada',
      callerContext: { awsSdkVersion: expect.any(String), clientId },
      request: {
        userAttributes: { email: 'ada@example.com' },
        validationData: { invite: 'abc' },
        clientMetadata: { source: 'test' },
      },
      response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
    });
    const user = await h.sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'ada' }));
    expect(user.UserStatus).toBe('CONFIRMED');
    expect(user.UserAttributes).toContainEqual({ Name: 'email_verified', Value: 'true' });
  });

  it.each([
    [
      () => Promise.reject(new Error('Invite code required')),
      'UserLambdaValidationException',
      'PreSignUp failed with error Invite code required.',
    ],
    [() => 'not an event', 'InvalidLambdaResponseException', 'Unrecognizable lambda output'],
  ])('turns a failing PreSignUp into AWS’s error (%#)', async (handler, name, message) => {
    const { poolId, clientId } = await createPoolAndClient(h, {
      LambdaConfig: { PreSignUp: arn('pre-sign-up') },
    });
    handlers.set('pre-sign-up', handler);
    await expect(
      h.sdk.send(new SignUpCommand({ ClientId: clientId, Username: 'bea', Password: STRONG_PASSWORD })),
    ).rejects.toMatchObject({ name, message });
    await expect(
      h.sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'bea' })),
    ).rejects.toMatchObject({
      name: 'UserNotFoundException',
    });
  });

  it('calls PostConfirmation after ConfirmSignUp', async () => {
    const { poolId, clientId } = await createPoolAndClient(h, {
      LambdaConfig: { PostConfirmation: arn('post-confirm') },
    });
    await h.sdk.send(
      new SignUpCommand({
        ClientId: clientId,
        Username: 'cal',
        Password: STRONG_PASSWORD,
        UserAttributes: [{ Name: 'email', Value: 'cal@example.com' }],
      }),
    );
    const code = h.service.outbox.latest(poolId, 'cal')?.code ?? '';
    await h.sdk.send(
      new ConfirmSignUpCommand({ ClientId: clientId, Username: 'cal', ConfirmationCode: code }),
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]?.event).toMatchObject({
      triggerSource: 'PostConfirmation_ConfirmSignUp',
      userName: 'cal',
      request: {
        userAttributes: {
          email: 'cal@example.com',
          email_verified: 'true',
          'cognito:user_status': 'CONFIRMED',
        },
      },
    });
  });

  it('lets PreAuthentication refuse a sign-in and calls PostAuthentication after a good one', async () => {
    const { poolId, clientId } = await createPoolAndClient(h, {
      LambdaConfig: { PreAuthentication: arn('pre-auth'), PostAuthentication: arn('post-auth') },
    });
    await createConfirmedUser(h, poolId, 'dot');
    handlers.set('pre-auth', () => Promise.reject(new Error('Outside office hours')));
    await expect(passwordSignIn(h, clientId, 'dot')).rejects.toMatchObject({
      name: 'UserLambdaValidationException',
      message: 'PreAuthentication failed with error Outside office hours.',
    });
    handlers.delete('pre-auth');
    calls.length = 0;
    await passwordSignIn(h, clientId, 'dot');
    expect(calls.map((c) => [c.name, c.event.triggerSource])).toEqual([
      ['pre-auth', 'PreAuthentication_Authentication'],
      ['post-auth', 'PostAuthentication_Authentication'],
    ]);
  });

  it('runs PreAuthentication before an emailed sign-in code is sent, and PostAuthentication only once it is typed', async () => {
    const { poolId, clientId } = await createPoolAndClient(
      h,
      {
        ...EMAIL_CODE_POOL,
        Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
        LambdaConfig: { PreAuthentication: arn('pre-auth'), PostAuthentication: arn('post-auth') },
      },
      { ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
    );
    await createConfirmedUser(h, poolId, 'otp', [
      { Name: 'email', Value: 'otp@example.com' },
      { Name: 'email_verified', Value: 'true' },
    ]);
    calls.length = 0;
    const challenge = await h.sdk.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_AUTH',
        AuthParameters: { USERNAME: 'otp', PREFERRED_CHALLENGE: 'EMAIL_OTP' },
      }),
    );
    expect(calls.map((c) => c.name)).toEqual(['pre-auth']);
    await h.sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'EMAIL_OTP',
        Session: challenge.Session,
        ChallengeResponses: {
          USERNAME: 'otp',
          EMAIL_OTP_CODE: h.service.outbox.latest(poolId, 'otp')?.code ?? '',
        },
      }),
    );
    expect(calls.map((c) => [c.name, c.event.triggerSource])).toEqual([
      ['pre-auth', 'PreAuthentication_Authentication'],
      ['post-auth', 'PostAuthentication_Authentication'],
    ]);
  });

  it('applies a V1 PreTokenGeneration response to the ID token only', async () => {
    const { poolId, clientId } = await createPoolAndClient(h, {
      LambdaConfig: { PreTokenGeneration: arn('ptg-v1') },
    });
    await createConfirmedUser(h, poolId, 'eli', [{ Name: 'given_name', Value: 'Eli' }]);
    handlers.set('ptg-v1', (e) => ({
      ...e,
      response: {
        claimsOverrideDetails: {
          claimsToAddOrOverride: { tenant: 'acme', sub: 'hijack' },
          claimsToSuppress: ['given_name'],
          groupOverrideDetails: { groupsToOverride: ['vip'] },
        },
      },
    }));
    const t = await passwordSignIn(h, clientId, 'eli');
    const id = decodeJwt(t.IdToken).payload;
    const access = decodeJwt(t.AccessToken).payload;
    expect(id.tenant).toBe('acme');
    expect(id.given_name).toBeUndefined();
    expect(id.sub).not.toBe('hijack');
    expect(id['cognito:groups']).toEqual(['vip']);
    expect(access.tenant).toBeUndefined();
    expect(calls.at(-1)?.event).toMatchObject({
      version: '1',
      triggerSource: 'TokenGeneration_Authentication',
      request: { groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [] } },
      response: { claimsOverrideDetails: null },
    });
    const v = verifiers(h, poolId, clientId);
    await expect(v.id.verify(t.IdToken)).resolves.toMatchObject({ tenant: 'acme' });
  });

  it('applies a V2 PreTokenGeneration response to both tokens and to the access-token scopes', async () => {
    const { poolId, clientId } = await createPoolAndClient(h, {
      LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion: 'V2_0', LambdaArn: arn('ptg-v2') } },
    });
    await createConfirmedUser(h, poolId, 'fin');
    handlers.set('ptg-v2', (e) => ({
      ...e,
      response: {
        claimsAndScopeOverrideDetails: {
          idTokenGeneration: { claimsToAddOrOverride: { plan: 'pro' } },
          accessTokenGeneration: {
            claimsToAddOrOverride: { tenant: 'acme', roles: ['a', 'b'] },
            claimsToSuppress: ['cognito:groups'],
            scopesToAdd: ['notes/read', 'notes/write'],
            scopesToSuppress: ['aws.cognito.signin.user.admin'],
          },
        },
      },
    }));
    const t = await passwordSignIn(h, clientId, 'fin');
    const id = decodeJwt(t.IdToken).payload;
    const access = decodeJwt(t.AccessToken).payload;
    expect(id.plan).toBe('pro');
    expect(access).toMatchObject({ tenant: 'acme', roles: ['a', 'b'], scope: 'notes/read notes/write' });
    expect(calls.at(-1)?.event).toMatchObject({
      version: '2',
      request: { scopes: ['aws.cognito.signin.user.admin'] },
      response: { claimsAndScopeOverrideDetails: null },
    });
    const v = verifiers(h, poolId, clientId);
    await expect(v.access.verify(t.AccessToken)).resolves.toMatchObject({ scope: 'notes/read notes/write' });
    // Without the admin scope, the token no longer works for Cognito's own user operations.
    await expect(
      h.sdk.send(
        new GetUserCommand({
          AccessToken: t.AccessToken,
        }),
      ),
    ).rejects.toMatchObject({ message: 'Access Token does not have required scopes' });

    calls.length = 0;
    await h.sdk.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: t.RefreshToken },
      }),
    );
    expect(calls[0]?.event.triggerSource).toBe('TokenGeneration_RefreshTokens');
  });

  it('answers UnexpectedLambdaException when a pool names a trigger and no runtime is attached', async () => {
    const bare = await startHarness();
    try {
      const { clientId } = await createPoolAndClient(bare, {
        LambdaConfig: { PreSignUp: arn('pre-sign-up') },
      });
      await expect(
        bare.sdk.send(new SignUpCommand({ ClientId: clientId, Username: 'gil', Password: STRONG_PASSWORD })),
      ).rejects.toMatchObject({ name: 'UnexpectedLambdaException' });
    } finally {
      await bare.close();
    }
  });

  it('hands ClientMetadata and ValidationData keyed __proto__, constructor, toString to triggers as plain keys', async () => {
    const { clientId } = await createPoolAndClient(h, { LambdaConfig: { PreSignUp: arn('pre-sign-up') } });
    // Raw JSON: an SDK builds maps with assignment, which cannot carry a `__proto__` key at all.
    const res = await rawCall(
      h,
      'SignUp',
      `{"ClientId":"${clientId}","Username":"proto","Password":"${STRONG_PASSWORD}",
        "ValidationData":[{"Name":"__proto__","Value":"v1"},{"Name":"constructor","Value":"v2"},{"Name":"toString","Value":"v3"}],
        "ClientMetadata":{"__proto__":"m1","constructor":"m2","toString":"m3"}}`,
    );
    expect(res.status).toBe(200);
    const request = calls[0]?.event.request as Record<string, Record<string, unknown>>;
    for (const [map, prefix] of [
      [request.validationData, 'v'],
      [request.clientMetadata, 'm'],
    ] as const) {
      expect(Object.hasOwn(map ?? {}, '__proto__')).toBe(true);
      expect(Object.getOwnPropertyDescriptor(map, '__proto__')?.value).toBe(`${prefix}1`);
      expect(map?.constructor).toBe(`${prefix}2`);
      expect(map?.toString).toBe(`${prefix}3`);
    }
  });

  it('writes claims named __proto__, constructor and toString from PreTokenGeneration as claims', async () => {
    const { poolId, clientId } = await createPoolAndClient(h, {
      LambdaConfig: { PreTokenGeneration: arn('ptg-proto') },
    });
    handlers.set('ptg-proto', (e) => ({
      ...e,
      response: {
        claimsOverrideDetails: {
          claimsToAddOrOverride: JSON.parse(
            '{"__proto__":{"polluted":"yes"},"constructor":"c","toString":"t"}',
          ),
        },
      },
    }));
    await createConfirmedUser(h, poolId, 'proto-claims');
    const { IdToken } = await passwordSignIn(h, clientId, 'proto-claims');
    const payload = decodeJwt(IdToken).payload;
    expect(Object.getOwnPropertyDescriptor(payload, '__proto__')?.value).toEqual({ polluted: 'yes' });
    expect(payload.constructor).toBe('c');
    expect(payload.toString).toBe('t');
    expect(payload).not.toHaveProperty('polluted');
  });
});
