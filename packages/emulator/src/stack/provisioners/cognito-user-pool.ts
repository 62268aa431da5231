import { isStandardAttribute, USER_POOL_MEMBERS } from '../../cognito/index.js';
import type { ProvisionedResource, ResourceProvisioner } from '../resource-provisioner.js';
import { type CognitoAdmin, type CognitoProvisionerOptions, cognitoAdmin, pick } from './cognito-admin.js';

// UpdateUserPool leaves out aliases, username attributes and schema (USER_POOL_MEMBERS.update): changing them
// makes CloudFormation replace the pool, and custom attributes are added by their own operation.

/** Sign-in attributes cannot change on a pool: CloudFormation replaces it (new id, no users). */
function replacedAttributes(properties: Record<string, unknown>, pool: Record<string, unknown>): string[] {
  const same = (key: string) =>
    JSON.stringify([...((properties[key] as string[] | undefined) ?? [])].sort()) ===
    JSON.stringify([...((pool[key] as string[] | undefined) ?? [])].sort());
  return ['UsernameAttributes', 'AliasAttributes'].filter((key) => !same(key));
}

/** Custom attributes of the template the pool lacks: standard ones cannot be added after creation. */
function newCustomAttributes(
  properties: Record<string, unknown>,
  pool: Record<string, unknown>,
): Array<Record<string, unknown>> {
  const have = new Set(((pool.SchemaAttributes ?? []) as Array<{ Name?: string }>).map((a) => a.Name));
  const schema = (Array.isArray(properties.Schema) ? properties.Schema : []) as Array<
    Record<string, unknown>
  >;
  return schema.filter(
    (a) =>
      typeof a.Name === 'string' &&
      !have.has(a.Name) &&
      !have.has(`custom:${a.Name}`) &&
      !isStandardAttribute(a.Name),
  );
}

/**
 * The SetUserPoolMfaConfig call a template's MFA properties make: CloudFormation sets `MfaConfiguration` with the
 * factors `EnabledMfas` names (SOFTWARE_TOKEN_MFA, SMS_MFA, EMAIL_OTP) and their messages, which
 * CreateUserPool/UpdateUserPool do not take. Undefined when the template says nothing of MFA.
 */
export function mfaConfigOf(
  poolId: string,
  properties: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const mode = properties.MfaConfiguration;
  const enabled = Array.isArray(properties.EnabledMfas) ? (properties.EnabledMfas as unknown[]) : undefined;
  if (mode === undefined && enabled === undefined) return undefined;
  const base = { UserPoolId: poolId, MfaConfiguration: mode ?? 'OFF' };
  if ((mode ?? 'OFF') === 'OFF') return base;
  const factors = enabled ?? [];
  return {
    ...base,
    SoftwareTokenMfaConfiguration: { Enabled: factors.includes('SOFTWARE_TOKEN_MFA') },
    ...(factors.includes('SMS_MFA')
      ? {
          SmsMfaConfiguration: {
            SmsAuthenticationMessage: properties.SmsAuthenticationMessage,
            SmsConfiguration: properties.SmsConfiguration,
          },
        }
      : {}),
    ...(factors.includes('EMAIL_OTP')
      ? {
          EmailMfaConfiguration: {
            Message: properties.EmailAuthenticationMessage,
            Subject: properties.EmailAuthenticationSubject,
          },
        }
      : {}),
  };
}

async function updateInPlace(
  admin: CognitoAdmin,
  options: CognitoProvisionerOptions,
  logicalId: string,
  poolId: string,
  properties: Record<string, unknown>,
  pool: Record<string, unknown>,
): Promise<void> {
  const what = `user pool ${logicalId}`;
  await admin.tryUpdate(what, 'UpdateUserPool', {
    UserPoolId: poolId,
    ...pick(properties, USER_POOL_MEMBERS.update),
  });
  const mfa = mfaConfigOf(poolId, properties);
  if (mfa !== undefined) await admin.tryUpdate(what, 'SetUserPoolMfaConfig', mfa);
  const added = newCustomAttributes(properties, pool);
  if (added.length > 0) {
    await admin.tryUpdate(what, 'AddCustomAttributes', { UserPoolId: poolId, CustomAttributes: added });
  }
  const changed = replacedAttributes(properties, pool);
  if (changed.length > 0) {
    options.log.warn(
      `User pool ${logicalId}: the template changed ${changed.join(' and ')}, which AWS applies by replacing the pool (new id, no users); the existing pool and its users are kept (start with --reset to recreate it)`,
    );
  }
}

/**
 * `AWS::Cognito::UserPool` through the Cognito service's own operations. A recorded pool that still exists
 * is updated in place, as CloudFormation would; one that vanished is created again. `Ref` is the pool id.
 */
export function cognitoUserPoolProvisioner(options: CognitoProvisionerOptions): ResourceProvisioner {
  const admin = cognitoAdmin(options.cognito, options.log);
  const { region, accountId } = options;
  const provisioned = (poolId: string): ProvisionedResource => ({
    physicalId: poolId,
    attributes: {
      Arn: `arn:aws:cognito-idp:${region}:${accountId}:userpool/${poolId}`,
      ProviderName: `cognito-idp.${region}.amazonaws.com/${poolId}`,
      ProviderURL: `https://cognito-idp.${region}.amazonaws.com/${poolId}`,
      UserPoolId: poolId,
    },
  });
  const provisioner: ResourceProvisioner = {
    async create({ logicalId, properties, generatedName }) {
      const created = await admin.call('CreateUserPool', {
        PoolName: typeof properties.UserPoolName === 'string' ? properties.UserPoolName : generatedName(128),
        ...pick(properties, USER_POOL_MEMBERS.create),
      });
      const poolId = (created.UserPool as { Id?: string } | undefined)?.Id;
      if (poolId === undefined) throw new Error(`CreateUserPool for ${logicalId} returned no pool id`);
      const mfa = mfaConfigOf(poolId, properties);
      if (mfa !== undefined) {
        try {
          await admin.call('SetUserPoolMfaConfig', mfa);
        } catch (err) {
          // The resource fails as a whole, as CloudFormation's would: no half-made pool is left behind.
          await admin.call('DeleteUserPool', { UserPoolId: poolId });
          throw err;
        }
      }
      options.log.info(`Cognito user pool ${logicalId} created: ${poolId}`);
      return provisioned(poolId);
    },
    async update(request) {
      const { logicalId, properties, recorded } = request;
      const existing = await admin.existing('DescribeUserPool', { UserPoolId: recorded.physicalId });
      if (existing === undefined) {
        options.log.warn(
          `User pool ${logicalId} (${recorded.physicalId}) is gone from the Cognito store; creating it again with a new id`,
        );
        return provisioner.create(request);
      }
      const pool = (existing.UserPool ?? {}) as Record<string, unknown>;
      await updateInPlace(admin, options, logicalId, recorded.physicalId, properties, pool);
      return provisioned(recorded.physicalId);
    },
  };
  return provisioner;
}
