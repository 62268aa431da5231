import {
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DeleteUserPoolCommand,
  DeleteUserPoolDomainCommand,
  DescribeUserPoolDomainCommand,
  UpdateUserPoolDomainCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { type Harness, useHarness } from './cognito-test-harness.js';

const CERTIFICATE = 'arn:aws:acm:us-east-1:000000000000:certificate/0f3e1d2c-aaaa-bbbb-cccc-0123456789ab';

describe('user pool domains', () => {
  let h: Harness;
  useHarness((started) => {
    h = started;
  });
  const newPool = async (name = 'domains') =>
    (await h.sdk.send(new CreateUserPoolCommand({ PoolName: name }))).UserPool?.Id ?? '';
  const errorOf = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: Error) => ({ name: e.name, message: e.message }),
    );

  it('creates, describes, updates and deletes a prefix domain', async () => {
    const poolId = await newPool();
    const created = await h.sdk.send(
      new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: 'gatehouse-dev' }),
    );
    expect(created.CloudFrontDomain).toBeUndefined();
    const described = await h.sdk.send(new DescribeUserPoolDomainCommand({ Domain: 'gatehouse-dev' }));
    expect(described.DomainDescription).toMatchObject({
      UserPoolId: poolId,
      Domain: 'gatehouse-dev',
      Status: 'ACTIVE',
      AWSAccountId: '000000000000',
    });
    expect(h.service.poolOfDomain('gatehouse-dev')).toBe(poolId);
    const updated = await h.sdk.send(
      new UpdateUserPoolDomainCommand({
        UserPoolId: poolId,
        Domain: 'gatehouse-dev',
        ManagedLoginVersion: 2,
      }),
    );
    expect(updated.ManagedLoginVersion).toBe(2);
    await h.sdk.send(new DeleteUserPoolDomainCommand({ UserPoolId: poolId, Domain: 'gatehouse-dev' }));
    const gone = await h.sdk.send(new DescribeUserPoolDomainCommand({ Domain: 'gatehouse-dev' }));
    expect(gone.DomainDescription).toEqual({});
    expect(h.service.poolOfDomain('gatehouse-dev')).toBeUndefined();
  });

  it('creates a custom domain with its certificate and a CloudFront target', async () => {
    const poolId = await newPool();
    const created = await h.sdk.send(
      new CreateUserPoolDomainCommand({
        UserPoolId: poolId,
        Domain: 'auth.example.com',
        CustomDomainConfig: { CertificateArn: CERTIFICATE },
      }),
    );
    expect(created.CloudFrontDomain).toMatch(/^d[0-9a-f]{13}\.cloudfront\.net$/);
    const described = await h.sdk.send(new DescribeUserPoolDomainCommand({ Domain: 'auth.example.com' }));
    expect(described.DomainDescription?.CustomDomainConfig).toEqual({ CertificateArn: CERTIFICATE });
  });

  it.each([
    ['Has-Upper', 'Member must satisfy regular expression pattern'],
    ['-dash-first', 'Member must satisfy regular expression pattern'],
    ['my.dotted', 'Member must satisfy regular expression pattern'],
    ['my-aws-app', 'Domain cannot contain reserved word: aws'],
    ['amazonish', 'Domain cannot contain reserved word: amazon'],
    ['new-cognito', 'Domain cannot contain reserved word: cognito'],
  ])('refuses the prefix %s', async (domain, message) => {
    const poolId = await newPool();
    const error = await errorOf(
      h.sdk.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: domain })),
    );
    expect(error?.name).toBe('InvalidParameterException');
    expect(error?.message).toContain(message);
  });

  it('refuses a domain another pool holds, and a second domain for a pool', async () => {
    const first = await newPool();
    const second = await newPool();
    await h.sdk.send(new CreateUserPoolDomainCommand({ UserPoolId: first, Domain: 'taken-prefix' }));
    expect(
      await errorOf(
        h.sdk.send(new CreateUserPoolDomainCommand({ UserPoolId: second, Domain: 'taken-prefix' })),
      ),
    ).toEqual({
      name: 'InvalidParameterException',
      message: 'Domain already associated with another user pool.',
    });
    const again = await errorOf(
      h.sdk.send(new CreateUserPoolDomainCommand({ UserPoolId: first, Domain: 'other-prefix' })),
    );
    expect(again?.name).toBe('InvalidParameterException');
  });

  it('answers ResourceNotFoundException for a pool that does not exist or a domain of another pool', async () => {
    const pool = await newPool();
    expect(
      (
        await errorOf(
          h.sdk.send(new CreateUserPoolDomainCommand({ UserPoolId: 'us-east-1_Missing1', Domain: 'x1' })),
        )
      )?.name,
    ).toBe('ResourceNotFoundException');
    expect(
      (
        await errorOf(
          h.sdk.send(new DeleteUserPoolDomainCommand({ UserPoolId: pool, Domain: 'taken-prefix' })),
        )
      )?.name,
    ).toBe('ResourceNotFoundException');
  });

  it('frees the domain when its pool is deleted', async () => {
    const poolId = await newPool();
    await h.sdk.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: 'short-lived' }));
    await h.sdk.send(new DeleteUserPoolCommand({ UserPoolId: poolId }));
    const other = await newPool();
    await h.sdk.send(new CreateUserPoolDomainCommand({ UserPoolId: other, Domain: 'short-lived' }));
    expect(h.service.poolOfDomain('short-lived')).toBe(other);
  });
});
