import { USER_POOL_CLIENT_MEMBERS } from '../../cognito/index.js';
import type { ProvisionRequest, ResourceProvisioner } from '../resource-provisioner.js';
import { type CognitoProvisionerOptions, cognitoAdmin, pick } from './cognito-admin.js';

function poolIdOf({ logicalId, properties }: ProvisionRequest): string {
  const userPoolId = properties.UserPoolId;
  if (typeof userPoolId !== 'string') throw new Error(`User pool client ${logicalId} has no UserPoolId`);
  return userPoolId;
}

/**
 * `AWS::Cognito::UserPoolClient` through the Cognito service's own operations. `Ref` is the client id;
 * `Fn::GetAtt` answers `ClientId`, `Name` and, for a client with a secret, `ClientSecret`, which is never
 * written to the state directory.
 */
export function cognitoUserPoolClientProvisioner(options: CognitoProvisionerOptions): ResourceProvisioner {
  const admin = cognitoAdmin(options.cognito, options.log);
  const clientNameOf = ({ logicalId, properties }: ProvisionRequest) =>
    typeof properties.ClientName === 'string' ? properties.ClientName : logicalId;

  const provisioned = (request: ProvisionRequest, client: Record<string, unknown>) => {
    const clientId = client.ClientId;
    if (typeof clientId !== 'string')
      throw new Error(`Cognito returned no ClientId for ${request.logicalId}`);
    const secret = typeof client.ClientSecret === 'string' ? client.ClientSecret : undefined;
    return {
      physicalId: clientId,
      attributes: { ClientId: clientId, Name: clientNameOf(request), UserPoolId: poolIdOf(request) },
      ...(secret === undefined ? {} : { secretAttributes: { ClientSecret: secret } }),
    };
  };

  const provisioner: ResourceProvisioner = {
    async create(request) {
      const created = await admin.call('CreateUserPoolClient', {
        UserPoolId: poolIdOf(request),
        ...pick(request.properties, USER_POOL_CLIENT_MEMBERS.create),
        ClientName: clientNameOf(request),
      });
      const client = (created.UserPoolClient ?? {}) as Record<string, unknown>;
      options.log.info(`Cognito app client ${request.logicalId} created: ${String(client.ClientId)}`);
      return provisioned(request, client);
    },
    async update(request) {
      const { recorded } = request;
      const userPoolId = poolIdOf(request);
      // A client moved to another pool is a new client.
      if (recorded.attributes.UserPoolId !== userPoolId) return provisioner.create(request);
      const existing = await admin.existing('DescribeUserPoolClient', {
        UserPoolId: userPoolId,
        ClientId: recorded.physicalId,
      });
      if (existing === undefined) return provisioner.create(request);
      const updated = await admin.tryUpdate(`user pool client ${request.logicalId}`, 'UpdateUserPoolClient', {
        UserPoolId: userPoolId,
        ClientId: recorded.physicalId,
        ...pick(request.properties, USER_POOL_CLIENT_MEMBERS.update),
        ClientName: clientNameOf(request),
      });
      const client = ((updated ?? existing).UserPoolClient ?? existing.UserPoolClient) as Record<
        string,
        unknown
      >;
      return provisioned(request, client);
    },
  };
  return provisioner;
}
