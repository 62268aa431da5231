import { USER_POOL_CLIENT_MEMBERS, USER_POOL_MEMBERS } from '../cognito/pool-operations.js';
import { isStandardAttribute } from '../cognito/user-attributes.js';
import type { EmulatorLogger } from '../logger.js';
import type { RecordedResource } from './stack-state.js';

/** The part of the Cognito service provisioning uses: AWS operations by name, as over the wire. */
export interface CognitoOperations {
  call(operation: string, input: unknown, context?: { sigv4: boolean }): Promise<Record<string, unknown>>;
}

/** What provisioning one Cognito resource yields. Secrets go in `secretAttributes`, never into the state file. */
export interface ProvisionedCognitoResource {
  physicalId: string;
  attributes: Record<string, string>;
  secretAttributes?: Record<string, string>;
}

const ADMIN = { sigv4: true };

// CloudFormation's AWS::Cognito::UserPool and UserPoolClient properties carry the operations' member names,
// so the members the Cognito operations take (USER_POOL_MEMBERS, USER_POOL_CLIENT_MEMBERS) are the
// properties copied. UpdateUserPool leaves out aliases, username attributes and schema: changing them makes
// CloudFormation replace the pool, and custom attributes are added by their own operation.

function pick(source: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

function isNotFound(err: unknown): boolean {
  return err instanceof Error && err.name === 'ResourceNotFoundException';
}

function describeError(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

export interface CognitoProvisionerOptions {
  cognito: CognitoOperations;
  region: string;
  accountId: string;
  log: EmulatorLogger;
}

/**
 * Provisions `AWS::Cognito::UserPool`, `UserPoolClient` and `UserPoolGroup` through the Cognito service's
 * own AWS operations, keeping ids stable: a resource recorded in the state directory that still exists is
 * updated in place (as CloudFormation would), one that vanished is created again.
 */
export class CognitoProvisioner {
  constructor(private readonly options: CognitoProvisionerOptions) {}

  private call(operation: string, input: unknown): Promise<Record<string, unknown>> {
    return this.options.cognito.call(operation, input, ADMIN);
  }

  private poolAttributes(poolId: string): Record<string, string> {
    const { region, accountId } = this.options;
    return {
      Arn: `arn:aws:cognito-idp:${region}:${accountId}:userpool/${poolId}`,
      ProviderName: `cognito-idp.${region}.amazonaws.com/${poolId}`,
      ProviderURL: `https://cognito-idp.${region}.amazonaws.com/${poolId}`,
      UserPoolId: poolId,
    };
  }

  async userPool(
    logicalId: string,
    properties: Record<string, unknown>,
    recorded: RecordedResource | undefined,
    generatedName: () => string,
  ): Promise<ProvisionedCognitoResource> {
    const poolName = typeof properties.UserPoolName === 'string' ? properties.UserPoolName : undefined;
    if (recorded !== undefined) {
      const existing = await this.existing('DescribeUserPool', { UserPoolId: recorded.physicalId });
      if (existing !== undefined) {
        const pool = (existing.UserPool ?? {}) as Record<string, unknown>;
        await this.tryUpdate(`user pool ${logicalId}`, 'UpdateUserPool', {
          UserPoolId: recorded.physicalId,
          ...pick(properties, USER_POOL_MEMBERS.update),
        });
        await this.addNewCustomAttributes(logicalId, recorded.physicalId, properties, pool);
        this.warnOnReplacement(logicalId, properties, pool);
        return { physicalId: recorded.physicalId, attributes: this.poolAttributes(recorded.physicalId) };
      }
      this.options.log.warn(
        `User pool ${logicalId} (${recorded.physicalId}) is gone from the Cognito store; creating it again with a new id`,
      );
    }
    const created = await this.call('CreateUserPool', {
      PoolName: poolName ?? generatedName(),
      ...pick(properties, USER_POOL_MEMBERS.create),
    });
    const poolId = (created.UserPool as { Id?: string } | undefined)?.Id;
    if (poolId === undefined) throw new Error(`CreateUserPool for ${logicalId} returned no pool id`);
    this.options.log.info(`Cognito user pool ${logicalId} created: ${poolId}`);
    return { physicalId: poolId, attributes: this.poolAttributes(poolId) };
  }

  /** Sign-in attributes cannot change on a pool: CloudFormation replaces it (new id, no users). */
  private warnOnReplacement(
    logicalId: string,
    properties: Record<string, unknown>,
    pool: Record<string, unknown>,
  ): void {
    const same = (key: string) =>
      JSON.stringify([...((properties[key] as string[] | undefined) ?? [])].sort()) ===
      JSON.stringify([...((pool[key] as string[] | undefined) ?? [])].sort());
    const changed = ['UsernameAttributes', 'AliasAttributes'].filter((key) => !same(key));
    if (changed.length === 0) return;
    this.options.log.warn(
      `User pool ${logicalId}: the template changed ${changed.join(' and ')}, which AWS applies by replacing the pool (new id, no users); the existing pool and its users are kept (start with --reset to recreate it)`,
    );
  }

  private async addNewCustomAttributes(
    logicalId: string,
    poolId: string,
    properties: Record<string, unknown>,
    pool: Record<string, unknown>,
  ): Promise<void> {
    const have = new Set(((pool.SchemaAttributes ?? []) as Array<{ Name?: string }>).map((a) => a.Name));
    const schema = (Array.isArray(properties.Schema) ? properties.Schema : []) as Array<
      Record<string, unknown>
    >;
    // Standard attributes cannot be added after creation; custom ones can (AddCustomAttributes).
    const added = schema.filter(
      (a) =>
        typeof a.Name === 'string' &&
        !have.has(a.Name) &&
        !have.has(`custom:${a.Name}`) &&
        !isStandardAttribute(a.Name),
    );
    if (added.length === 0) return;
    await this.tryUpdate(`user pool ${logicalId}`, 'AddCustomAttributes', {
      UserPoolId: poolId,
      CustomAttributes: added,
    });
  }

  async userPoolClient(
    logicalId: string,
    properties: Record<string, unknown>,
    recorded: RecordedResource | undefined,
  ): Promise<ProvisionedCognitoResource> {
    const userPoolId = properties.UserPoolId;
    if (typeof userPoolId !== 'string') throw new Error(`User pool client ${logicalId} has no UserPoolId`);
    const clientName = typeof properties.ClientName === 'string' ? properties.ClientName : logicalId;
    let client: Record<string, unknown> | undefined;
    if (recorded !== undefined && recorded.attributes.UserPoolId === userPoolId) {
      const existing = await this.existing('DescribeUserPoolClient', {
        UserPoolId: userPoolId,
        ClientId: recorded.physicalId,
      });
      if (existing !== undefined) {
        const updated = await this.tryUpdate(`user pool client ${logicalId}`, 'UpdateUserPoolClient', {
          UserPoolId: userPoolId,
          ClientId: recorded.physicalId,
          ...pick(properties, USER_POOL_CLIENT_MEMBERS.update),
          ClientName: clientName,
        });
        client = ((updated ?? existing).UserPoolClient ?? existing.UserPoolClient) as Record<string, unknown>;
      }
    }
    if (client === undefined) {
      const created = await this.call('CreateUserPoolClient', {
        UserPoolId: userPoolId,
        ...pick(properties, USER_POOL_CLIENT_MEMBERS.create),
        ClientName: clientName,
      });
      client = (created.UserPoolClient ?? {}) as Record<string, unknown>;
      this.options.log.info(`Cognito app client ${logicalId} created: ${String(client.ClientId)}`);
    }
    const clientId = client.ClientId;
    if (typeof clientId !== 'string') throw new Error(`Cognito returned no ClientId for ${logicalId}`);
    const secret = typeof client.ClientSecret === 'string' ? client.ClientSecret : undefined;
    return {
      physicalId: clientId,
      attributes: { ClientId: clientId, Name: clientName, UserPoolId: userPoolId },
      ...(secret === undefined ? {} : { secretAttributes: { ClientSecret: secret } }),
    };
  }

  async userPoolGroup(
    logicalId: string,
    properties: Record<string, unknown>,
    recorded: RecordedResource | undefined,
    generatedName: () => string,
  ): Promise<ProvisionedCognitoResource> {
    const userPoolId = properties.UserPoolId;
    if (typeof userPoolId !== 'string') throw new Error(`User pool group ${logicalId} has no UserPoolId`);
    const groupName =
      typeof properties.GroupName === 'string'
        ? properties.GroupName
        : recorded?.attributes.UserPoolId === userPoolId
          ? recorded.physicalId
          : generatedName();
    const input = {
      UserPoolId: userPoolId,
      GroupName: groupName,
      ...pick(properties, ['Description', 'Precedence', 'RoleArn']),
    };
    const existing = await this.existing('GetGroup', { UserPoolId: userPoolId, GroupName: groupName });
    if (existing === undefined) {
      await this.call('CreateGroup', input);
      this.options.log.info(`Cognito group ${groupName} created in ${userPoolId}`);
    } else {
      await this.tryUpdate(`group ${logicalId}`, 'UpdateGroup', input);
    }
    return { physicalId: groupName, attributes: { UserPoolId: userPoolId } };
  }

  private async existing(operation: string, input: unknown): Promise<Record<string, unknown> | undefined> {
    try {
      return await this.call(operation, input);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** An in-place update that Cognito refuses must not stop the stack: the resource keeps its old settings. */
  private async tryUpdate(
    what: string,
    operation: string,
    input: unknown,
  ): Promise<Record<string, unknown> | undefined> {
    try {
      return await this.call(operation, input);
    } catch (err) {
      this.options.log.warn(
        `Could not update ${what} in place (${operation}: ${describeError(err)}); it keeps its previous settings`,
      );
      return undefined;
    }
  }
}
