import { describe, expect, it } from 'vitest';
import {
  cognitoUserPoolDomainProvisioner,
  managedLoginBrandingProvisioner,
} from '../../../src/stack/provisioners/cognito-user-pool-domain.js';
import { useCognitoPool } from '../support/cognito-pool.js';
import { provisionRequest, updateRequest } from '../support/template-stack.js';

const TYPE = 'AWS::Cognito::UserPoolDomain';
const pool = useCognitoPool();

function provisioner() {
  return cognitoUserPoolDomainProvisioner(pool.options);
}

async function describeDomain(domain: string): Promise<Record<string, unknown>> {
  return (await pool.options.cognito.call('DescribeUserPoolDomain', { Domain: domain }))
    .DomainDescription as Record<string, unknown>;
}

describe('cognitoUserPoolDomainProvisioner', () => {
  it('creates the domain and answers its name', async () => {
    const created = await provisioner().create(
      provisionRequest(TYPE, { UserPoolId: pool.poolId, Domain: 'app-dev' }),
    );
    expect(created.physicalId).toBe('app-dev');
    expect(created.attributes.CloudFrontDistribution).toMatch(/cloudfront\.net$/);
    expect(await describeDomain('app-dev')).toMatchObject({ UserPoolId: pool.poolId, Domain: 'app-dev' });
  });

  it('replaces the domain when the template names another, and updates it in place otherwise', async () => {
    const recorded = { physicalId: 'app-dev', attributes: {} };
    await provisioner().update(
      updateRequest(
        provisionRequest(TYPE, { UserPoolId: pool.poolId, Domain: 'app-dev', ManagedLoginVersion: 2 }),
        recorded,
      ),
    );
    expect(await describeDomain('app-dev')).toMatchObject({ ManagedLoginVersion: 2 });
    const renamed = provisionRequest(TYPE, { UserPoolId: pool.poolId, Domain: 'app-next' });
    expect((await provisioner().update(updateRequest(renamed, recorded))).physicalId).toBe('app-next');
    expect(await describeDomain('app-dev')).toEqual({});
    expect(await describeDomain('app-next')).toMatchObject({ UserPoolId: pool.poolId });
  });

  it('deletes the domain that left the template', async () => {
    await provisioner().delete?.({ logicalId: 'Domain', physicalId: 'app-next' });
    expect(await describeDomain('app-next')).toEqual({});
  });

  it('fails the resource on a reserved word, as CloudFormation would', async () => {
    await expect(
      provisioner().create(provisionRequest(TYPE, { UserPoolId: pool.poolId, Domain: 'my-cognito' })),
    ).rejects.toThrow('Domain cannot contain reserved word: cognito');
  });
});

describe('managedLoginBrandingProvisioner', () => {
  it('accepts the resource with a stable id', async () => {
    const request = provisionRequest('AWS::Cognito::ManagedLoginBranding', { UserPoolId: pool.poolId });
    const created = await managedLoginBrandingProvisioner().create(request);
    const updated = await managedLoginBrandingProvisioner().update(updateRequest(request, created));
    expect(updated.physicalId).toBe(created.physicalId);
    expect(updated.attributes.ManagedLoginBrandingId).toBe(created.physicalId);
  });
});
