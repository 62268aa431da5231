import type { ProvisionRequest, ResourceProvisioner } from '../resource-provisioner.js';
import type { RecordedResource } from '../stack-state.js';
import { type CognitoProvisionerOptions, cognitoAdmin, pick } from './cognito-admin.js';

/**
 * `AWS::Cognito::UserPoolGroup` through the Cognito service's own operations: created when the pool lacks
 * it, updated in place otherwise. `Ref` is the group name (the template's `GroupName`, else the one recorded
 * for the same pool, else a generated one).
 */
export function cognitoUserPoolGroupProvisioner(options: CognitoProvisionerOptions): ResourceProvisioner {
  const admin = cognitoAdmin(options.cognito, options.log);
  const apply = async (request: ProvisionRequest, recorded: RecordedResource | undefined) => {
    const { logicalId, properties } = request;
    const userPoolId = properties.UserPoolId;
    if (typeof userPoolId !== 'string') throw new Error(`User pool group ${logicalId} has no UserPoolId`);
    const groupName =
      typeof properties.GroupName === 'string'
        ? properties.GroupName
        : recorded?.attributes.UserPoolId === userPoolId
          ? recorded.physicalId
          : request.generatedName(128);
    const input = {
      UserPoolId: userPoolId,
      GroupName: groupName,
      ...pick(properties, ['Description', 'Precedence', 'RoleArn']),
    };
    const existing = await admin.existing('GetGroup', { UserPoolId: userPoolId, GroupName: groupName });
    if (existing === undefined) {
      await admin.call('CreateGroup', input);
      options.log.info(`Cognito group ${groupName} created in ${userPoolId}`);
    } else {
      await admin.tryUpdate(`group ${logicalId}`, 'UpdateGroup', input);
    }
    return { physicalId: groupName, attributes: { UserPoolId: userPoolId } };
  };
  return {
    create: (request) => apply(request, undefined),
    update: (request) => apply(request, request.recorded),
  };
}
