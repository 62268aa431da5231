import { describe, expect, it } from 'vitest';
import { cognitoUserPoolResourceServerProvisioner } from '../../../src/stack/provisioners/cognito-user-pool-resource-server.js';
import { useCognitoPool } from '../support/cognito-pool.js';
import { provisionRequest, updateRequest } from '../support/template-stack.js';

const TYPE = 'AWS::Cognito::UserPoolResourceServer';
const pool = useCognitoPool();

function provisioner() {
  return cognitoUserPoolResourceServerProvisioner(pool.options);
}

const scopes = [{ ScopeName: 'notes.read', ScopeDescription: 'Read notes' }];

async function describeServer(identifier: string, poolId = pool.poolId): Promise<unknown> {
  try {
    return (
      await pool.options.cognito.call('DescribeResourceServer', {
        UserPoolId: poolId,
        Identifier: identifier,
      })
    ).ResourceServer;
  } catch (err) {
    if (err instanceof Error && err.name === 'ResourceNotFoundException') return undefined;
    throw err;
  }
}

describe('cognitoUserPoolResourceServerProvisioner', () => {
  it('creates the server and answers its identifier to Ref', async () => {
    const created = await provisioner().create(
      provisionRequest(TYPE, {
        UserPoolId: pool.poolId,
        Identifier: 'gatehouse-api',
        Name: 'API',
        Scopes: scopes,
      }),
    );
    expect(created).toEqual({ physicalId: 'gatehouse-api', attributes: { UserPoolId: pool.poolId } });
    expect(await describeServer('gatehouse-api')).toEqual({
      UserPoolId: pool.poolId,
      Identifier: 'gatehouse-api',
      Name: 'API',
      Scopes: scopes,
    });
  });

  it('updates the name and scopes in place', async () => {
    const request = provisionRequest(TYPE, {
      UserPoolId: pool.poolId,
      Identifier: 'notes-api',
      Name: 'Notes',
    });
    const created = await provisioner().create(request);
    const changed = provisionRequest(TYPE, {
      UserPoolId: pool.poolId,
      Identifier: 'notes-api',
      Name: 'Notes v2',
      Scopes: scopes,
    });
    expect(await provisioner().update(updateRequest(changed, created))).toEqual(created);
    expect(await describeServer('notes-api')).toMatchObject({ Name: 'Notes v2', Scopes: scopes });
  });

  it('takes over a server the pool already has when the state directory recorded none', async () => {
    const request = provisionRequest(TYPE, { UserPoolId: pool.poolId, Identifier: 'kept-api', Name: 'Kept' });
    await provisioner().create(request);
    const again = provisionRequest(TYPE, {
      UserPoolId: pool.poolId,
      Identifier: 'kept-api',
      Name: 'Kept again',
    });
    expect((await provisioner().create(again)).physicalId).toBe('kept-api');
    expect(await describeServer('kept-api')).toMatchObject({ Name: 'Kept again' });
  });

  it('replaces a server whose identifier changed: the new one is made, the old one removed', async () => {
    const old = await provisioner().create(
      provisionRequest(TYPE, { UserPoolId: pool.poolId, Identifier: 'old-api', Name: 'Old' }),
    );
    const renamed = provisionRequest(TYPE, { UserPoolId: pool.poolId, Identifier: 'new-api', Name: 'New' });
    expect((await provisioner().update(updateRequest(renamed, old))).physicalId).toBe('new-api');
    expect(await describeServer('new-api')).toMatchObject({ Name: 'New' });
    expect(await describeServer('old-api')).toBeUndefined();
  });

  it('removes a server that left the template, and a server already gone is no error', async () => {
    const created = await provisioner().create(
      provisionRequest(TYPE, { UserPoolId: pool.poolId, Identifier: 'gone-api', Name: 'Gone' }),
    );
    const resource = { logicalId: 'Thing', ...created };
    await provisioner().delete?.(resource);
    expect(await describeServer('gone-api')).toBeUndefined();
    await expect(provisioner().delete?.(resource)).resolves.toBeUndefined();
  });

  it('names the template resource that lacks an Identifier', async () => {
    await expect(
      provisioner().create(
        provisionRequest(TYPE, { UserPoolId: pool.poolId, Name: 'x' }, { logicalId: 'Api' }),
      ),
    ).rejects.toThrow('Resource server Api has no Identifier');
  });
});
