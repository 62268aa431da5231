import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CognitoService } from '../../../src/cognito/index.js';
import { createMemoryLogger } from '../../../src/logger.js';
import { cognitoUserPoolGroupProvisioner } from '../../../src/stack/provisioners/cognito-user-pool-group.js';
import { provisionRequest, updateRequest } from '../support/template-stack.js';

const TYPE = 'AWS::Cognito::UserPoolGroup';
const log = createMemoryLogger();
let cognito: CognitoService;
let poolId: string;

beforeAll(async () => {
  cognito = CognitoService.open({ database: ':memory:' });
  poolId = ((await cognito.call('CreateUserPool', { PoolName: 'app' })).UserPool as { Id: string }).Id;
});

beforeEach(() => {
  log.entries.length = 0;
});

afterAll(() => {
  cognito.close();
});

function provisioner() {
  return cognitoUserPoolGroupProvisioner({ cognito, region: 'us-east-1', accountId: '000000000000', log });
}

async function getGroup(groupName: string): Promise<Record<string, unknown>> {
  return (await cognito.call('GetGroup', { UserPoolId: poolId, GroupName: groupName })).Group as Record<
    string,
    unknown
  >;
}

describe('cognitoUserPoolGroupProvisioner', () => {
  it('creates the group and answers its name', async () => {
    const created = await provisioner().create(
      provisionRequest(TYPE, { UserPoolId: poolId, GroupName: 'admins', Precedence: 1 }),
    );
    expect(created).toEqual({ physicalId: 'admins', attributes: { UserPoolId: poolId } });
    expect(await getGroup('admins')).toMatchObject({ GroupName: 'admins', Precedence: 1 });
  });

  it('updates an existing group in place', async () => {
    const request = provisionRequest(TYPE, { UserPoolId: poolId, GroupName: 'editors' });
    const created = await provisioner().create(request);
    const changed = provisionRequest(TYPE, {
      UserPoolId: poolId,
      GroupName: 'editors',
      Description: 'the admins',
    });
    await provisioner().update(updateRequest(changed, created));
    expect(await getGroup('editors')).toMatchObject({ Description: 'the admins' });
  });

  it.each([
    ['the recorded name for the same pool', () => poolId, 'App-Thing-RECORDED'],
    ['a new generated name for another pool', () => 'us-east-1_other', 'App-Thing-GENERATED'],
  ])('names a group the template leaves unnamed with %s', async (_case, recordedPool, expected) => {
    const request = provisionRequest(TYPE, { UserPoolId: poolId });
    const recorded = { physicalId: 'App-Thing-RECORDED', attributes: { UserPoolId: recordedPool() } };
    expect((await provisioner().update(updateRequest(request, recorded))).physicalId).toBe(expected);
    expect(await getGroup(expected)).toMatchObject({ GroupName: expected });
  });
});
