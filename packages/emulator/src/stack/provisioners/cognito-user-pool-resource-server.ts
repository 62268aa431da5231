import type { ProvisionRequest, ResourceProvisioner } from '../resource-provisioner.js';
import { type CognitoProvisionerOptions, cognitoAdmin, pick } from './cognito-admin.js';

function keyOf({ logicalId, properties }: ProvisionRequest): { UserPoolId: string; Identifier: string } {
  const { UserPoolId, Identifier } = properties;
  if (typeof UserPoolId !== 'string') throw new Error(`Resource server ${logicalId} has no UserPoolId`);
  if (typeof Identifier !== 'string') throw new Error(`Resource server ${logicalId} has no Identifier`);
  return { UserPoolId, Identifier };
}

/**
 * `AWS::Cognito::UserPoolResourceServer` through the Cognito service's own operations. `Ref` is the identifier
 * (CloudFormation's documented return value; CDK's `OAuthScope.resourceServer` builds `<Ref>/<scope>` from it,
 * so a client naming the server's scopes refers to it and is provisioned after it).
 *
 * A changed `Identifier` or `UserPoolId` replaces the server, as CloudFormation does: the new one is made
 * first, then the old one removed. Resource servers hold no user data, so one that leaves the template is
 * deleted.
 */
export function cognitoUserPoolResourceServerProvisioner(
  options: CognitoProvisionerOptions,
): ResourceProvisioner {
  const admin = cognitoAdmin(options.cognito, options.log);
  const settings = (request: ProvisionRequest) => ({
    ...keyOf(request),
    ...pick(request.properties, ['Name', 'Scopes']),
  });
  const remove = async (userPoolId: string | undefined, identifier: string) => {
    if (userPoolId === undefined) return;
    try {
      await admin.call('DeleteResourceServer', { UserPoolId: userPoolId, Identifier: identifier });
    } catch (err) {
      // Already gone (with its pool, or by hand): nothing left to remove.
      if (!(err instanceof Error && err.name === 'ResourceNotFoundException')) throw err;
    }
  };

  /** Creates the server, or updates it in place when the pool already has it (a state directory reset). */
  const apply = async (request: ProvisionRequest) => {
    const key = keyOf(request);
    const existing = await admin.existing('DescribeResourceServer', key);
    if (existing === undefined) {
      await admin.call('CreateResourceServer', settings(request));
      options.log.info(`Cognito resource server ${key.Identifier} created in ${key.UserPoolId}`);
    } else {
      await admin.tryUpdate(
        `resource server ${request.logicalId}`,
        'UpdateResourceServer',
        settings(request),
      );
    }
    return { physicalId: key.Identifier, attributes: { UserPoolId: key.UserPoolId } };
  };

  const provisioner: ResourceProvisioner = {
    create: apply,
    async update(request) {
      const key = keyOf(request);
      const { recorded } = request;
      const provisioned = await apply(request);
      const recordedPool = recorded.attributes.UserPoolId;
      if (recordedPool !== key.UserPoolId || recorded.physicalId !== key.Identifier) {
        await remove(recordedPool, recorded.physicalId);
      }
      return provisioned;
    },
    async delete({ physicalId, attributes }) {
      await remove(attributes?.UserPoolId, physicalId);
      options.log.info(`Cognito resource server ${physicalId} removed (no longer in the template)`);
    },
  };
  return provisioner;
}
