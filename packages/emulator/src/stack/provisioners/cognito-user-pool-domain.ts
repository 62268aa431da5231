import type { ProvisionRequest, ResourceProvisioner } from '../resource-provisioner.js';
import { type CognitoProvisionerOptions, cognitoAdmin, pick } from './cognito-admin.js';

/** The pool and domain a resource names. */
function domainOf({ logicalId, properties }: ProvisionRequest): { UserPoolId: string; Domain: string } {
  const { UserPoolId, Domain } = properties;
  if (typeof UserPoolId !== 'string') throw new Error(`User pool domain ${logicalId} has no UserPoolId`);
  if (typeof Domain !== 'string') throw new Error(`User pool domain ${logicalId} has no Domain`);
  return { UserPoolId, Domain };
}

/**
 * `AWS::Cognito::UserPoolDomain` through the Cognito service's own operations. `Ref` is the domain (a prefix
 * or a custom name), as CloudFormation answers; `Fn::GetAtt` answers `CloudFrontDistribution`. A new `Domain`
 * or pool replaces the domain, as CloudFormation does; a new certificate or managed login version updates it.
 * The domain is served by the local OAuth 2.0 server at `<auth base>/<domain>`.
 */
export function cognitoUserPoolDomainProvisioner(options: CognitoProvisionerOptions): ResourceProvisioner {
  const admin = cognitoAdmin(options.cognito, options.log);
  const members = ['CustomDomainConfig', 'ManagedLoginVersion'] as const;

  const provisioned = (domain: string, described: Record<string, unknown> | undefined) => ({
    physicalId: domain,
    attributes: {
      CloudFrontDistribution:
        typeof described?.CloudFrontDistribution === 'string' ? described.CloudFrontDistribution : '',
    },
  });
  const describe = async (domain: string) => {
    const answer = await admin.call('DescribeUserPoolDomain', { Domain: domain });
    return answer.DomainDescription as Record<string, unknown> | undefined;
  };

  const provisioner: ResourceProvisioner = {
    async create(request) {
      const names = domainOf(request);
      await admin.call('CreateUserPoolDomain', { ...names, ...pick(request.properties, members) });
      options.log.info(`Cognito domain ${names.Domain} created for ${names.UserPoolId}`);
      return provisioned(names.Domain, await describe(names.Domain));
    },
    async update(request) {
      const names = domainOf(request);
      const existing = await describe(request.recorded.physicalId);
      const sameDomain =
        request.recorded.physicalId === names.Domain && existing?.UserPoolId === names.UserPoolId;
      if (!sameDomain) {
        if (existing?.UserPoolId !== undefined) {
          await admin.existing('DeleteUserPoolDomain', {
            UserPoolId: existing.UserPoolId,
            Domain: request.recorded.physicalId,
          });
        }
        return provisioner.create(request);
      }
      await admin.tryUpdate(`user pool domain ${request.logicalId}`, 'UpdateUserPoolDomain', {
        ...names,
        ...pick(request.properties, members),
      });
      return provisioned(names.Domain, await describe(names.Domain));
    },
    async delete({ physicalId }) {
      const existing = await describe(physicalId);
      if (typeof existing?.UserPoolId !== 'string') return;
      await admin.existing('DeleteUserPoolDomain', { UserPoolId: existing.UserPoolId, Domain: physicalId });
    },
  };
  return provisioner;
}

/**
 * `AWS::Cognito::ManagedLoginBranding`: accepted so that a template that styles managed login deploys; the
 * local pages have one look, so nothing of it is kept. `Ref` and `ManagedLoginBrandingId` are a stable id.
 */
export function managedLoginBrandingProvisioner(): ResourceProvisioner {
  const apply = async (request: ProvisionRequest, recordedId?: string) => {
    const id = recordedId ?? request.generatedName(64);
    return { physicalId: id, attributes: { ManagedLoginBrandingId: id } };
  };
  return {
    create: (request) => apply(request),
    update: (request) => apply(request, request.recorded.physicalId),
  };
}
