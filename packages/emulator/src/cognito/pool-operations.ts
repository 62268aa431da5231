import { randomBytes } from 'node:crypto';
import type {
  AddCustomAttributesRequest,
  AddCustomAttributesResponse,
  CreateUserPoolRequest,
  CreateUserPoolResponse,
  DeleteUserPoolRequest,
  DescribeUserPoolRequest,
  DescribeUserPoolResponse,
  ListUserPoolsRequest,
  UpdateUserPoolRequest,
  UpdateUserPoolResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { poolOperation } from './admin-lookup.js';
import { invalidParameter } from './cognito-error.js';
import { type CognitoOperation, epochSeconds, paged, sdkOperation } from './cognito-operation.js';
import type { UserPool } from './cognito-types.js';
import { applyPoolSettings } from './domain/pool-settings.js';
import { creationOnlySettings, poolSettings } from './domain/settings-specs.js';
import { Fields } from './input-validation.js';
import { DEFAULT_PASSWORD_POLICY } from './password-policy.js';
import { buildCustomAttributes, buildSchema, describeSchema } from './pool-schema.js';
import { ALNUM, randomString } from './random-id.js';
import type { Services } from './services.js';
import { generateSigningKey } from './signing-keys.js';

function describePool(s: Pick<Services, 'pools'>, pool: UserPool): Record<string, unknown> {
  // MfaFactors is GetUserPoolMfaConfig's; DescribeUserPool tells only MfaConfiguration.
  const {
    FakeSaltKey: _secret,
    MfaFactors: _mfa,
    Passthrough,
    CreationDate,
    LastModifiedDate,
    ...rest
  } = pool;
  return {
    ...Passthrough,
    ...rest,
    SchemaAttributes: describeSchema(pool.SchemaAttributes),
    UserAttributeUpdateSettings: pool.UserAttributeUpdateSettings ?? {
      AttributesRequireVerificationBeforeUpdate: [],
    },
    EstimatedNumberOfUsers: s.pools.countUsers(pool.Id),
    CreationDate: epochSeconds(CreationDate),
    LastModifiedDate: epochSeconds(LastModifiedDate),
  };
}

const createUserPool = sdkOperation<CreateUserPoolRequest, CreateUserPoolResponse>()(
  'CreateUserPool',
  'sigv4',
  {
    PoolName: { type: 'string', required: true, min: 1, max: 128, pattern: /^[\w\s+=,.@-]+$/ },
    ...poolSettings,
    ...creationOnlySettings,
  },
  async (s: Pick<Services, 'config' | 'pools'>, input) => {
    if (input.AliasAttributes?.length && input.UsernameAttributes?.length) {
      throw invalidParameter(
        'Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.',
      );
    }
    const now = s.config.now();
    const id = `${s.config.region}_${randomString(ALNUM, 9)}`;
    const caseSensitive = input.UsernameConfiguration?.CaseSensitive;
    const pool: UserPool = {
      Id: id,
      Name: input.PoolName,
      Arn: s.pools.poolArn(id),
      Policies: { PasswordPolicy: DEFAULT_PASSWORD_POLICY },
      LambdaConfig: {},
      ...(input.UsernameAttributes?.length ? { UsernameAttributes: input.UsernameAttributes } : {}),
      ...(input.AliasAttributes?.length ? { AliasAttributes: input.AliasAttributes } : {}),
      ...(typeof caseSensitive === 'boolean'
        ? { UsernameConfiguration: { CaseSensitive: caseSensitive } }
        : {}),
      SchemaAttributes: buildSchema(input.Schema),
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      MfaConfiguration: 'OFF',
      DeletionProtection: 'INACTIVE',
      UserPoolTags: {},
      CreationDate: now,
      LastModifiedDate: now,
      Passthrough: {},
      FakeSaltKey: randomBytes(32).toString('hex'),
    };
    applyPoolSettings(pool, input);
    // Keys are made per pool on creation and live only in this install's store.
    const keys = await Promise.all([generateSigningKey('id'), generateSigningKey('access')]);
    s.pools.insertPool(pool, keys);
    return { UserPool: describePool(s, pool) };
  },
);

const describeUserPool = poolOperation<DescribeUserPoolRequest, DescribeUserPoolResponse>()(
  'DescribeUserPool',
  { UserPoolId: Fields.userPoolId },
  (s: Pick<Services, 'pools'>, pool) => ({ UserPool: describePool(s, pool) }),
);

const listUserPools = sdkOperation<ListUserPoolsRequest>()(
  'ListUserPools',
  'sigv4',
  { MaxResults: { type: 'integer', required: true, min: 1, max: 60 }, NextToken: Fields.nextToken },
  (s: Pick<Services, 'pools'>, input) => {
    const describe = (p: UserPool) => ({
      Id: p.Id,
      Name: p.Name,
      LambdaConfig: p.LambdaConfig,
      CreationDate: epochSeconds(p.CreationDate),
      LastModifiedDate: epochSeconds(p.LastModifiedDate),
    });
    return paged(s.pools.listPools(), describe, {
      list: 'UserPools',
      limit: input.MaxResults,
      token: input.NextToken,
    });
  },
);

/** UpdateUserPool resets every setting it is not given to its default, as AWS's does. */
const updateUserPool = poolOperation<UpdateUserPoolRequest, UpdateUserPoolResponse>()(
  'UpdateUserPool',
  { UserPoolId: Fields.userPoolId, ...poolSettings },
  (s: Pick<Services, 'pools'>, pool, input) => {
    applyPoolSettings(pool, input);
    s.pools.updatePool(pool);
  },
);

const deleteUserPool = poolOperation<DeleteUserPoolRequest>()(
  'DeleteUserPool',
  { UserPoolId: Fields.userPoolId },
  (s: Pick<Services, 'pools' | 'keys'>, pool) => {
    if (pool.DeletionProtection === 'ACTIVE') {
      throw invalidParameter(
        'The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.',
      );
    }
    s.pools.deletePool(pool.Id);
    s.keys.forgetPool(pool.Id);
  },
);

const addCustomAttributes = poolOperation<AddCustomAttributesRequest, AddCustomAttributesResponse>()(
  'AddCustomAttributes',
  { UserPoolId: Fields.userPoolId, CustomAttributes: { type: 'list', required: true, max: 25 } },
  (s: Pick<Services, 'pools'>, pool, input) => {
    if (input.CustomAttributes.length === 0) {
      throw invalidParameter(
        "1 validation error detected: Value '[]' at 'customAttributes' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
    }
    const added = buildCustomAttributes(input.CustomAttributes);
    for (const a of added) {
      if (pool.SchemaAttributes.some((existing) => existing.Name === a.Name)) {
        throw invalidParameter(`Existing attribute already has name ${a.Name}.`);
      }
    }
    pool.SchemaAttributes.push(...added);
    s.pools.updatePool(pool);
  },
);

/** Pool management. */
export const poolOperations: readonly CognitoOperation[] = [
  createUserPool,
  describeUserPool,
  listUserPools,
  updateUserPool,
  deleteUserPool,
  addCustomAttributes,
];
