import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CloudFormationTemplate } from '../../../src/assembly/cloud-assembly.js';
import { ProvisionerRegistry } from '../../../src/stack/provisioner-registry.js';
import { cognitoUserPoolProvisioner } from '../../../src/stack/provisioners/cognito-user-pool.js';
import { cognitoUserPoolClientProvisioner } from '../../../src/stack/provisioners/cognito-user-pool-client.js';
import { cognitoUserPoolResourceServerProvisioner } from '../../../src/stack/provisioners/cognito-user-pool-resource-server.js';
import { StackDeployer } from '../../../src/stack/stack-deployer.js';
import { StackState } from '../../../src/stack/stack-state.js';
import { useCognitoPool } from '../support/cognito-pool.js';
import { provisionRequest, templateStack, updateRequest } from '../support/template-stack.js';

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

  it('copies the template’s OAuth properties to the client', async () => {
    const oauth = {
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'aws.cognito.signin.user.admin'],
      CallbackURLs: ['http://localhost:5173/'],
      LogoutURLs: ['http://localhost:5173/'],
      DefaultRedirectURI: 'http://localhost:5173/',
      SupportedIdentityProviders: ['COGNITO'],
    };
    const created = await provisioner().create(provisionRequest(TYPE, { UserPoolId: pool.poolId, ...oauth }));
    expect(await describeClient(created.physicalId)).toMatchObject(oauth);
  });

  it('provisions a client whose scopes name a resource server of the same template after that server', async () => {
    // The service client names its scope as CDK synthesizes `OAuthScope.resourceServer(server, scope)`: the
    // server's Ref joined with the scope name, which orders it after the server. The web client names its scope
    // as a literal and depends on the server explicitly (as Gatehouse's stack does). Clients come first here on
    // purpose.
    const scope = (name: string) => ({ 'Fn::Join': ['', [{ Ref: 'ApiServer' }, `/${name}`]] });
    const template: CloudFormationTemplate = {
      Resources: {
        ServiceClient: {
          Type: 'AWS::Cognito::UserPoolClient',
          Properties: {
            UserPoolId: { Ref: 'Pool' },
            GenerateSecret: true,
            AllowedOAuthFlows: ['client_credentials'],
            AllowedOAuthFlowsUserPoolClient: true,
            AllowedOAuthScopes: [scope('stats.read')],
            SupportedIdentityProviders: ['COGNITO'],
          },
        },
        WebClient: {
          Type: 'AWS::Cognito::UserPoolClient',
          Properties: {
            UserPoolId: { Ref: 'Pool' },
            AllowedOAuthFlows: ['code'],
            AllowedOAuthFlowsUserPoolClient: true,
            AllowedOAuthScopes: ['openid', 'gatehouse-api/notes.read'],
            CallbackURLs: ['http://localhost:5173/'],
            SupportedIdentityProviders: ['COGNITO'],
          },
          DependsOn: ['ApiServer'],
        },
        ApiServer: {
          Type: 'AWS::Cognito::UserPoolResourceServer',
          Properties: {
            UserPoolId: { Ref: 'Pool' },
            Identifier: 'gatehouse-api',
            Name: 'gatehouse-api',
            Scopes: [
              { ScopeName: 'notes.read', ScopeDescription: 'Read notes' },
              { ScopeName: 'stats.read', ScopeDescription: 'Read statistics' },
            ],
          },
        },
        Pool: { Type: 'AWS::Cognito::UserPool', Properties: { UserPoolName: 'app' } },
      },
      Outputs: {
        ServiceClientId: { Value: { Ref: 'ServiceClient' } },
        WebClientId: { Value: { Ref: 'WebClient' } },
        PoolId: { Value: { Ref: 'Pool' } },
      },
    };
    const stateDir = mkdtempSync(join(tmpdir(), 'gatehouse-oauth-stack-'));
    try {
      const registry = new ProvisionerRegistry([
        ['AWS::Cognito::UserPool', cognitoUserPoolProvisioner(pool.options)],
        ['AWS::Cognito::UserPoolClient', cognitoUserPoolClientProvisioner(pool.options)],
        ['AWS::Cognito::UserPoolResourceServer', cognitoUserPoolResourceServerProvisioner(pool.options)],
      ]);
      const deployer = new StackDeployer({
        state: StackState.load(stateDir),
        registry,
        region: 'us-east-1',
        accountId: '000000000000',
        log: pool.options.log,
      });
      const deployment = await deployer.deploy([templateStack(template)]);
      expect(deployment.resources.map((r) => r.logicalId)).toEqual([
        'Pool',
        'ApiServer',
        'ServiceClient',
        'WebClient',
      ]);
      const outputs = deployment.outputs.App ?? {};
      const poolId = outputs.PoolId ?? '';
      expect(await describeClient(outputs.ServiceClientId ?? '', poolId)).toMatchObject({
        AllowedOAuthFlows: ['client_credentials'],
        AllowedOAuthScopes: ['gatehouse-api/stats.read'],
      });
      expect(await describeClient(outputs.WebClientId ?? '', poolId)).toMatchObject({
        AllowedOAuthScopes: ['openid', 'gatehouse-api/notes.read'],
      });
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
