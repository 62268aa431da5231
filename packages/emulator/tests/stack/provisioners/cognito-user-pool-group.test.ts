import { describe, expect, it } from 'vitest';
import { cognitoUserPoolGroupProvisioner } from '../../../src/stack/provisioners/cognito-user-pool-group.js';
import { useCognitoPool } from '../support/cognito-pool.js';
import { provisionRequest, updateRequest } from '../support/template-stack.js';

const TYPE = 'AWS::Cognito::UserPoolGroup';
const pool = useCognitoPool();

function provisioner() {
  return cognitoUserPoolGroupProvisioner(pool.options);
}

async function getGroup(groupName: string): Promise<Record<string, unknown>> {
  return (await pool.options.cognito.call('GetGroup', { UserPoolId: pool.poolId, GroupName: groupName }))
    .Group as Record<string, unknown>;
}

describe('cognitoUserPoolGroupProvisioner', () => {
  it('creates the group and answers its name', async () => {
    const created = await provisioner().create(
      provisionRequest(TYPE, { UserPoolId: pool.poolId, GroupName: 'admins', Precedence: 1 }),
    );
    expect(created).toEqual({ physicalId: 'admins', attributes: { UserPoolId: pool.poolId } });
    expect(await getGroup('admins')).toMatchObject({ GroupName: 'admins', Precedence: 1 });
  });

  it('updates an existing group in place', async () => {
    const request = provisionRequest(TYPE, { UserPoolId: pool.poolId, GroupName: 'editors' });
    const created = await provisioner().create(request);
    const changed = provisionRequest(TYPE, {
      UserPoolId: pool.poolId,
      GroupName: 'editors',
      Description: 'the admins',
    });
    await provisioner().update(updateRequest(changed, created));
    expect(await getGroup('editors')).toMatchObject({ Description: 'the admins' });
  });

  it.each([
    ['the recorded name for the same pool', () => pool.poolId, 'App-Thing-RECORDED'],
    ['a new generated name for another pool', () => 'us-east-1_other', 'App-Thing-GENERATED'],
  ])('names a group the template leaves unnamed with %s', async (_case, recordedPool, expected) => {
    const request = provisionRequest(TYPE, { UserPoolId: pool.poolId });
    const recorded = { physicalId: 'App-Thing-RECORDED', attributes: { UserPoolId: recordedPool() } };
    expect((await provisioner().update(updateRequest(request, recorded))).physicalId).toBe(expected);
    expect(await getGroup(expected)).toMatchObject({ GroupName: expected });
  });
});
