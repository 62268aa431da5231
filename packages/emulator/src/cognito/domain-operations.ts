import { createHash } from 'node:crypto';
import type {
  CreateUserPoolDomainRequest,
  CreateUserPoolDomainResponse,
  DeleteUserPoolDomainRequest,
  DescribeUserPoolDomainRequest,
  DescribeUserPoolDomainResponse,
  UpdateUserPoolDomainRequest,
  UpdateUserPoolDomainResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { type CognitoOperation, sdkOperation } from './cognito-operation.js';
import type { UserPoolDomainRecord } from './cognito-types.js';
import { Fields } from './input-validation.js';
import type { Services } from './services.js';

/**
 * The `Domain` member. AWS's model gives it 1–63 characters and the prefix pattern; a custom domain is a longer
 * dotted name, so the domain module checks the pattern once it knows which kind the call names.
 */
const domainField = { type: 'string', required: true, min: 1, max: 253 } as const;
const customDomainConfig = {
  type: 'object',
  members: { CertificateArn: { type: 'string', required: true, min: 20, max: 2048 } },
} as const;
const managedLoginVersion = { type: 'integer', min: 1, max: 2 } as const;

/** A stable made-up CloudFront name for a custom domain (AWS's target for the DNS alias). */
function cloudFrontDomain(domain: string): string {
  return `d${createHash('sha256').update(domain).digest('hex').slice(0, 13)}.cloudfront.net`;
}

function describeDomain(d: UserPoolDomainRecord, accountId: string): Record<string, unknown> {
  return {
    UserPoolId: d.UserPoolId,
    AWSAccountId: accountId,
    Domain: d.Domain,
    CloudFrontDistribution: cloudFrontDomain(d.Domain),
    Version: String(d.CreationDate),
    Status: 'ACTIVE',
    ...(d.CustomDomainConfig === undefined ? {} : { CustomDomainConfig: d.CustomDomainConfig }),
    ...(d.ManagedLoginVersion === undefined ? {} : { ManagedLoginVersion: d.ManagedLoginVersion }),
  };
}

const createUserPoolDomain = sdkOperation<CreateUserPoolDomainRequest, CreateUserPoolDomainResponse>()(
  'CreateUserPoolDomain',
  'sigv4',
  {
    UserPoolId: Fields.userPoolId,
    Domain: domainField,
    CustomDomainConfig: customDomainConfig,
    ManagedLoginVersion: managedLoginVersion,
  },
  (s: Pick<Services, 'pools' | 'domains'>, input) => {
    s.pools.requirePool(input.UserPoolId);
    const record = s.domains.create(input);
    return {
      ...(record.CustomDomainConfig === undefined
        ? {}
        : { CloudFrontDomain: cloudFrontDomain(record.Domain) }),
      ...(record.ManagedLoginVersion === undefined
        ? {}
        : { ManagedLoginVersion: record.ManagedLoginVersion }),
    };
  },
);

/** An unknown domain is described as `{}`, as AWS answers (not an error). */
const describeUserPoolDomain = sdkOperation<DescribeUserPoolDomainRequest, DescribeUserPoolDomainResponse>()(
  'DescribeUserPoolDomain',
  'sigv4',
  { Domain: domainField },
  (s: Pick<Services, 'config' | 'domains'>, input) => {
    const record = s.domains.find(input.Domain);
    return { DomainDescription: record === undefined ? {} : describeDomain(record, s.config.accountId) };
  },
);

const updateUserPoolDomain = sdkOperation<UpdateUserPoolDomainRequest, UpdateUserPoolDomainResponse>()(
  'UpdateUserPoolDomain',
  'sigv4',
  {
    UserPoolId: Fields.userPoolId,
    Domain: domainField,
    CustomDomainConfig: customDomainConfig,
    ManagedLoginVersion: managedLoginVersion,
  },
  (s: Pick<Services, 'pools' | 'domains'>, input) => {
    s.pools.requirePool(input.UserPoolId);
    const record = s.domains.update(input);
    return {
      ...(record.CustomDomainConfig === undefined
        ? {}
        : { CloudFrontDomain: cloudFrontDomain(record.Domain) }),
      ...(record.ManagedLoginVersion === undefined
        ? {}
        : { ManagedLoginVersion: record.ManagedLoginVersion }),
    };
  },
);

const deleteUserPoolDomain = sdkOperation<DeleteUserPoolDomainRequest>()(
  'DeleteUserPoolDomain',
  'sigv4',
  { UserPoolId: Fields.userPoolId, Domain: domainField },
  (s: Pick<Services, 'pools' | 'domains'>, input) => {
    s.pools.requirePool(input.UserPoolId);
    s.domains.delete(input.UserPoolId, input.Domain);
    return {};
  },
);

/** User pool domains (prefix and custom), which serve the OAuth 2.0 endpoints and managed login. */
export const domainOperations: readonly CognitoOperation[] = [
  createUserPoolDomain,
  describeUserPoolDomain,
  updateUserPoolDomain,
  deleteUserPoolDomain,
];
