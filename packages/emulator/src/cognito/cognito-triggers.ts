import { CognitoException } from './cognito-error.js';
import type { UserPool, UserRecord } from './cognito-types.js';
import type { ServiceConfig } from './domain/service-config.js';

/** What calling a trigger needs: the region events name and the Lambda runtime, if one is attached. */
export type TriggerConfig = Pick<ServiceConfig, 'region' | 'invokeTrigger'>;

/** The Lambda triggers this service calls, by their `LambdaConfig` member. */
export type TriggerName =
  | 'PreSignUp'
  | 'PostConfirmation'
  | 'PreAuthentication'
  | 'PostAuthentication'
  | 'PreTokenGeneration';

/** Which Lambda (and event version) a pool names for a trigger. */
export function triggerTarget(
  pool: UserPool,
  name: TriggerName,
): { arn: string; version: '1' | '2' } | undefined {
  if (name === 'PreTokenGeneration') {
    const config = pool.LambdaConfig.PreTokenGenerationConfig as
      | { LambdaArn?: string; LambdaVersion?: string }
      | undefined;
    if (config?.LambdaArn !== undefined) {
      // V3_0 adds machine-to-machine flows only; for user sign-ins its event is the V2 shape.
      return { arn: config.LambdaArn, version: config.LambdaVersion === 'V1_0' ? '1' : '2' };
    }
  }
  const arn = pool.LambdaConfig[name];
  return typeof arn === 'string' && arn !== '' ? { arn, version: '1' } : undefined;
}

/** `userAttributes` as triggers see them: strings, `sub` included, plus the status where the user exists. */
export function triggerAttributes(user: UserRecord, withStatus = true): Record<string, string> {
  return {
    sub: user.sub,
    ...user.attributes,
    ...(withStatus ? { 'cognito:user_status': user.status } : {}),
  };
}

/**
 * Calls a pool's trigger with AWS's event envelope and returns the `response` the function sent back, or
 * undefined when the pool has no such trigger. A failed function becomes `UserLambdaValidationException`
 * (`PreSignUp failed with error <message>.`); a reply that is not an event becomes
 * `InvalidLambdaResponseException`.
 */
export async function runTrigger(
  config: TriggerConfig,
  pool: UserPool,
  name: TriggerName,
  args: {
    triggerSource: string;
    userName: string;
    clientId?: string;
    request: Record<string, unknown>;
    response?: Record<string, unknown>;
  },
): Promise<Record<string, unknown> | undefined> {
  const target = triggerTarget(pool, name);
  if (target === undefined) return undefined;
  const invoke = config.invokeTrigger;
  if (invoke === undefined) {
    throw new CognitoException(
      'UnexpectedLambdaException',
      `${name} is configured as ${target.arn} but no Lambda runtime is attached to this Cognito service.`,
    );
  }
  const event: Record<string, unknown> = {
    version: target.version,
    triggerSource: args.triggerSource,
    region: config.region,
    userPoolId: pool.Id,
    userName: args.userName,
    callerContext: {
      awsSdkVersion: 'aws-sdk-unknown-unknown',
      clientId: args.clientId ?? 'CLIENT_ID_NOT_APPLICABLE',
    },
    request: args.request,
    response: args.response ?? {},
  };
  let result: unknown;
  try {
    result = await invoke(target.arn, event);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new CognitoException('UserLambdaValidationException', `${name} failed with error ${message}.`, {
      cause: err,
    });
  }
  if (result === null || typeof result !== 'object' || Array.isArray(result)) {
    throw new CognitoException('InvalidLambdaResponseException', 'Unrecognizable lambda output');
  }
  const response = (result as Record<string, unknown>).response;
  if (response === undefined || response === null) return {};
  if (typeof response !== 'object' || Array.isArray(response)) {
    throw new CognitoException('InvalidLambdaResponseException', 'Unrecognizable lambda output');
  }
  return response as Record<string, unknown>;
}

/**
 * The PreSignUp trigger, before a user is made by SignUp or AdminCreateUser. Its response may confirm the user
 * and verify their addresses (`autoConfirmUser`, `autoVerifyEmail`, `autoVerifyPhone`, all false until the
 * function says otherwise).
 */
export function preSignUp(
  config: TriggerConfig,
  pool: UserPool,
  triggerSource: 'PreSignUp_SignUp' | 'PreSignUp_AdminCreateUser',
  caller: {
    userName: string;
    clientId?: string;
    attributes: Record<string, string>;
    validationData: Record<string, string>;
    clientMetadata: Record<string, string> | undefined;
  },
): Promise<Record<string, unknown> | undefined> {
  return runTrigger(config, pool, 'PreSignUp', {
    triggerSource,
    userName: caller.userName,
    ...(caller.clientId === undefined ? {} : { clientId: caller.clientId }),
    request: {
      userAttributes: { ...caller.attributes },
      validationData: caller.validationData,
      ...(caller.clientMetadata === undefined ? {} : { clientMetadata: caller.clientMetadata }),
    },
    response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
  });
}

/** The PostConfirmation trigger, after a sign-up (by the user or an administrator) or a password reset is confirmed. */
export async function postConfirmation(
  config: TriggerConfig,
  pool: UserPool,
  user: UserRecord,
  triggerSource: 'PostConfirmation_ConfirmSignUp' | 'PostConfirmation_ConfirmForgotPassword',
  caller: { clientId?: string; clientMetadata?: Record<string, string> | undefined },
): Promise<void> {
  await runTrigger(config, pool, 'PostConfirmation', {
    triggerSource,
    userName: user.username,
    ...(caller.clientId === undefined ? {} : { clientId: caller.clientId }),
    request: {
      userAttributes: triggerAttributes(user),
      ...(caller.clientMetadata === undefined ? {} : { clientMetadata: caller.clientMetadata }),
    },
  });
}
