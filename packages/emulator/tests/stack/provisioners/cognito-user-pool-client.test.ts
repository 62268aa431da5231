import { describe, expect, it } from 'vitest';
import { cognitoUserPoolClientProvisioner } from '../../../src/stack/provisioners/cognito-user-pool-client.js';
import { useCognitoPool } from '../support/cognito-pool.js';
import { provisionRequest, updateRequest } from '../support/template-stack.js';

const TYPE = 'AWS::Cognito::UserPoolClient';
const pool = useCognitoPool();

function provisioner() {
  return cognitoUserPoolClientProvisioner(pool.options);
}

async function describeClient(clientId: string, userPoolId = pool.poolId): Promise<Record<string, unknown>> {
  const answer = await pool.options.cognito.call('DescribeUserPoolClient', {
    UserPoolId: userPoolId,
    ClientId: clientId,
  });
  return answer.UserPoolClient as Record<string, unknown>;
}

describe('cognitoUserPoolClientProvisioner', () => {
  it('creates the client, named after its logical id when the template names none', async () => {
    const created = await provisioner().create(
      provisionRequest(
        TYPE,
        { UserPoolId: pool.poolId, ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] },
        { logicalId: 'Web' },
      ),
    );
    expect(created).toEqual({
      physicalId: created.attributes.ClientId,
      attributes: { ClientId: created.physicalId, Name: 'Web', UserPoolId: pool.poolId },
    });
    expect(await describeClient(created.physicalId)).toMatchObject({
      ClientName: 'Web',
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
    });
  });

  it('answers the client secret as a secret attribute only', async () => {
    const created = await provisioner().create(
      provisionRequest(TYPE, { UserPoolId: pool.poolId, GenerateSecret: true }),
    );
    expect(created.secretAttributes?.ClientSecret).toEqual(expect.any(String));
    expect(Object.keys(created.attributes)).not.toContain('ClientSecret');
  });

  it('updates a recorded client in place, keeping its id and secret', async () => {
    const request = provisionRequest(TYPE, { UserPoolId: pool.poolId, GenerateSecret: true });
    const created = await provisioner().create(request);
    const changed = provisionRequest(TYPE, {
      UserPoolId: pool.poolId,
      GenerateSecret: true,
      ClientName: 'renamed',
    });
    const updated = await provisioner().update(updateRequest(changed, created));
    expect(updated.physicalId).toBe(created.physicalId);
    expect(updated.secretAttributes).toEqual(created.secretAttributes);
    expect(await describeClient(created.physicalId)).toMatchObject({ ClientName: 'renamed' });
  });

  it.each([
    [
      'it moved to another pool',
      (id: string) => ({ physicalId: id, attributes: { UserPoolId: 'us-east-1_other' } }),
    ],
    ['it is gone from the pool', () => ({ physicalId: 'gone', attributes: {} })],
  ])('creates a new client when %s', async (_case, recordedFor) => {
    const existing = await provisioner().create(provisionRequest(TYPE, { UserPoolId: pool.poolId }));
    const request = provisionRequest(TYPE, { UserPoolId: pool.poolId });
    const recorded = recordedFor(existing.physicalId);
    const again = await provisioner().update(
      updateRequest(request, {
        ...recorded,
        attributes: { UserPoolId: pool.poolId, ...recorded.attributes },
      }),
    );
    expect(again.physicalId).not.toBe(recorded.physicalId);
  });

  it('refuses a client without a pool', async () => {
    await expect(provisioner().create(provisionRequest(TYPE, {}, { logicalId: 'Web' }))).rejects.toThrow(
      'User pool client Web has no UserPoolId',
    );
  });
});
