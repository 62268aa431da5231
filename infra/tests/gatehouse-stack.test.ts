import {
  ADMIN_GROUP,
  ResourceServerScopes,
  SERVICE_CLIENT_SCOPES,
  StackOutputNames,
  USER_CLIENT_SCOPES,
} from '@org/contracts';
import { Duration } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { InfraConfigError } from '../src/errors/infra-error.js';
import { LOCAL_SES_IDENTITY, ServiceNames } from '../src/gatehouse-stack.js';
import { type SynthesizedStack, synthStack } from './support/synth-stack.js';

interface PolicyStatement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

/** Every statement of the inline policies attached to a role, and the role's managed policies. */
function roleAccess(template: Template, roleLogicalId: string) {
  const policies = Object.values(
    template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleLogicalId }] } }),
  ) as { Properties: { PolicyDocument: { Statement: PolicyStatement[] } } }[];
  const role = template.findResources('AWS::IAM::Role')[roleLogicalId] as {
    Properties: { ManagedPolicyArns?: unknown[] };
  };
  return {
    statements: policies.flatMap((p) => p.Properties.PolicyDocument.Statement),
    managedPolicies: role.Properties.ManagedPolicyArns ?? [],
  };
}

function onlyLogicalIdOf(template: Template, type: string): string {
  const ids = Object.keys(template.findResources(type));
  expect(ids).toHaveLength(1);
  return ids[0] as string;
}

function logicalIdOf(synthesized: SynthesizedStack, construct: { node: { defaultChild?: unknown } }): string {
  return synthesized.stack.getLogicalId(construct.node.defaultChild as CfnFunction);
}

// Each stack is synthesized while the file is collected, not in a hook: synthesis with cdk-nag takes seconds,
// more on a busy machine, and collection has no time limit that a slow machine could hit. A synthesis
// that throws fails the file, which the totals count as a failure.
describe('the development stack', () => {
  const synthesized = synthStack();
  const { template } = synthesized;

  it('passes the cdk-nag AWS Solutions checks with every finding acknowledged', () => {
    expect(synthesized.nag.violations.filter((v) => v.severity === 'error')).toEqual([]);
    expect(synthesized.nag.success).toBe(true);
  });

  it('uses no custom resource but the web deployment, which the local stack lists as not emulated', () => {
    const types = Object.values(template.toJSON().Resources as Record<string, { Type: string }>).map(
      (r) => r.Type,
    );
    expect(
      types.filter((t) => t.startsWith('Custom::') || t === 'AWS::CloudFormation::CustomResource'),
    ).toEqual(['Custom::CDKBucketDeployment']);
  });

  it('lets people sign up with their email as username, verified by email', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
      UserPoolTier: 'ESSENTIALS',
    });
  });

  it('asks for 12-character passwords with no composition rules', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: false,
          RequireUppercase: false,
          RequireNumbers: false,
          RequireSymbols: false,
        },
      },
    });
  });

  it('removes the user pool and the table with a development stack', () => {
    template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ DeletionProtection: 'INACTIVE' }),
    });
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
  });

  it('removes the log groups but keeps the region-wide API Gateway logging role', () => {
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup'));
    // The two functions', the API's access log and the web deployment function's.
    expect(groups.map((g) => g.DeletionPolicy)).toEqual(['Delete', 'Delete', 'Delete', 'Delete']);
    const accountRoleId = (
      Object.values(template.findResources('AWS::ApiGateway::Account'))[0] as {
        Properties: { CloudWatchRoleArn: { 'Fn::GetAtt': [string, string] } };
      }
    ).Properties.CloudWatchRoleArn['Fn::GetAtt'][0];
    expect(template.toJSON().Resources[accountRoleId].DeletionPolicy).toBe('Retain');
  });

  it('gives the SDK a public client with SRP, password, USER_AUTH and refresh flows only', () => {
    const clients = Object.values(template.findResources('AWS::Cognito::UserPoolClient'));
    expect(clients).toHaveLength(2);
    const sdkClient =
      template.toJSON().Resources[logicalIdOf(synthesized, synthesized.stack.userPool.client)];
    const props = sdkClient.Properties as { GenerateSecret: boolean; ExplicitAuthFlows: string[] };
    expect(props.GenerateSecret).toBe(false);
    expect([...props.ExplicitAuthFlows].sort()).toEqual([
      'ALLOW_REFRESH_TOKEN_AUTH',
      'ALLOW_USER_AUTH',
      'ALLOW_USER_PASSWORD_AUTH',
      'ALLOW_USER_SRP_AUTH',
    ]);
  });

  it('offers optional TOTP MFA and no SMS', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
    });
  });

  it('lets people sign in with a password or an email code (USER_AUTH), its email set to go through SES', () => {
    // Email codes need SES email on AWS and on the local stack alike; the local stack sends nothing.
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: Match.objectLike({ SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } }),
      EmailConfiguration: Match.objectLike({
        EmailSendingAccount: 'DEVELOPER',
        From: LOCAL_SES_IDENTITY.fromEmail,
        SourceArn: Match.anyValue(),
      }),
    });
  });

  it('hides whether a user exists and allows revoking refresh tokens', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
  });

  it('issues 60-minute access and ID tokens and 30-day refresh tokens', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      RefreshTokenValidity: 30 * 24 * 60,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
    });
  });

  it('creates the gatehouse-api resource server with the scopes of the contract', () => {
    template.resourceCountIs('AWS::Cognito::UserPoolResourceServer', 1);
    template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: 'gatehouse-api',
      Name: 'Gatehouse API',
      UserPoolId: { Ref: logicalIdOf(synthesized, synthesized.stack.userPool.userPool) },
      Scopes: [
        { ScopeName: 'notes.read', ScopeDescription: ResourceServerScopes.notesRead.description },
        { ScopeName: 'notes.write', ScopeDescription: ResourceServerScopes.notesWrite.description },
        { ScopeName: 'stats.read', ScopeDescription: ResourceServerScopes.statsRead.description },
      ],
    });
  });

  it('gives the pool a Cognito prefix domain, named after the stage, with managed login', () => {
    template.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'gatehouse-dev',
      UserPoolId: { Ref: logicalIdOf(synthesized, synthesized.stack.userPool.userPool) },
      ManagedLoginVersion: 2,
      CustomDomainConfig: Match.absent(),
    });
  });

  it("styles the public client's managed login pages with Cognito's defaults, once the domain exists", () => {
    const brandings = template.findResources('AWS::Cognito::ManagedLoginBranding');
    expect(Object.values(brandings)).toHaveLength(1);
    const [branding] = Object.values(brandings) as { Properties: unknown; DependsOn: string[] }[];
    expect(branding?.Properties).toEqual({
      UserPoolId: { Ref: logicalIdOf(synthesized, synthesized.stack.userPool.userPool) },
      ClientId: { Ref: logicalIdOf(synthesized, synthesized.stack.userPool.client) },
      UseCognitoProvidedValues: true,
    });
    expect(branding?.DependsOn).toContain(logicalIdOf(synthesized, synthesized.stack.userPool.domain));
  });

  it('lets the public client use the authorization code grant, not the implicit one, with its scopes', () => {
    const sdkClient =
      template.toJSON().Resources[logicalIdOf(synthesized, synthesized.stack.userPool.client)];
    expect(sdkClient.Properties).toMatchObject({
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: [...USER_CLIENT_SCOPES],
      SupportedIdentityProviders: ['COGNITO'],
    });
    expect(USER_CLIENT_SCOPES).toEqual([
      'openid',
      'email',
      'profile',
      'aws.cognito.signin.user.admin',
      'gatehouse-api/notes.read',
      'gatehouse-api/notes.write',
    ]);
  });

  it('sends the browser back to the web dev server after sign-in and sign-out in development', () => {
    const sdkClient =
      template.toJSON().Resources[logicalIdOf(synthesized, synthesized.stack.userPool.client)];
    expect(sdkClient.Properties.CallbackURLs).toEqual(['http://localhost:5173/']);
    expect(sdkClient.Properties.LogoutURLs).toEqual(['http://localhost:5173/']);
  });

  it('gives services a confidential client with the client credentials grant and stats.read only', () => {
    const service =
      template.toJSON().Resources[logicalIdOf(synthesized, synthesized.stack.userPool.serviceClient)];
    expect(service.Properties).toMatchObject({
      UserPoolId: { Ref: logicalIdOf(synthesized, synthesized.stack.userPool.userPool) },
      GenerateSecret: true,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthScopes: [...SERVICE_CLIENT_SCOPES],
      // No user can sign in through it: refresh is the smallest set of flows Cognito accepts.
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
    });
    expect(SERVICE_CLIENT_SCOPES).toEqual(['gatehouse-api/stats.read']);
    expect(service.Properties).not.toHaveProperty('CallbackURLs');
  });

  it('creates both clients after the resource server whose scopes they name', () => {
    const serverId = onlyLogicalIdOf(template, 'AWS::Cognito::UserPoolResourceServer');
    for (const client of [synthesized.stack.userPool.client, synthesized.stack.userPool.serviceClient]) {
      expect(template.toJSON().Resources[logicalIdOf(synthesized, client)].DependsOn).toContain(serverId);
    }
  });

  it("never puts the service client's secret in the template", () => {
    const text = JSON.stringify(template.toJSON());
    expect(text).not.toContain('ClientSecret');
    expect(text).not.toContain('DescribeCognitoUserPoolClient');
  });

  it('creates the admin group in the pool', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', {
      GroupName: ADMIN_GROUP,
      UserPoolId: { Ref: logicalIdOf(synthesized, synthesized.stack.userPool.userPool) },
    });
  });

  it('wires the pre-token-generation function as a V2 trigger Cognito may invoke', () => {
    const triggerId = logicalIdOf(synthesized, synthesized.stack.preTokenGenerationFunction.function);
    const poolId = logicalIdOf(synthesized, synthesized.stack.userPool.userPool);
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: {
        PreTokenGenerationConfig: { LambdaArn: { 'Fn::GetAtt': [triggerId, 'Arn'] }, LambdaVersion: 'V2_0' },
      },
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [triggerId, 'Arn'] },
      Principal: 'cognito-idp.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [poolId, 'Arn'] },
    });
  });

  it('keys the table by pk and sk strings, on demand, with point-in-time recovery and AWS-owned encryption', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayEquals([
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ]),
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: Match.objectLike({ SSEEnabled: false, KMSMasterKeyId: Match.absent() }),
    });
  });

  it.each([
    ['api', 'Api'],
    ['pre-token-generation', 'PreTokenGeneration'],
  ])('runs the %s function from its bundle on arm64 with the newest Node.js runtime', (_name, id) => {
    const fn = synthesized.stack.node.findChild(id).node.findChild('Function');
    const props = template.toJSON().Resources[logicalIdOf(synthesized, fn)].Properties;
    expect(props).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
    });
  });

  it('gives the api function the table, stage, CORS origins and logging settings', () => {
    const fn = synthesized.stack.apiFunction.function;
    const props = template.toJSON().Resources[logicalIdOf(synthesized, fn)].Properties;
    expect(props.Environment.Variables).toEqual({
      TABLE_NAME: { Ref: logicalIdOf(synthesized, synthesized.stack.table.table) },
      STAGE: 'dev',
      CORS_ALLOWED_ORIGINS: '*',
      LOG_LEVEL: 'DEBUG',
      POWERTOOLS_SERVICE_NAME: ServiceNames.api,
      API_DEV_MODE: 'true',
    });
  });

  it('lets the api function use its table and its own log group, and nothing else', () => {
    const tableId = logicalIdOf(synthesized, synthesized.stack.table.table);
    const logsId = logicalIdOf(synthesized, synthesized.stack.apiFunction.logGroup);
    const { statements, managedPolicies } = roleAccess(
      template,
      logicalIdOf(synthesized, synthesized.stack.apiFunction.role),
    );
    expect(managedPolicies).toEqual([]);
    expect(statements.every((s) => s.Effect === 'Allow')).toBe(true);
    for (const statement of statements) {
      const actions = [statement.Action].flat();
      const service = actions.every((a) => a.startsWith('dynamodb:')) ? 'dynamodb' : 'logs';
      expect(actions.every((a) => a.startsWith(`${service}:`))).toBe(true);
      expect(statement.Resource).toEqual({
        'Fn::GetAtt': [service === 'dynamodb' ? tableId : logsId, 'Arn'],
      });
    }
    const actions = statements.flatMap((s) => [s.Action].flat());
    expect(actions).toEqual(
      expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query']),
    );
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
  });

  it('lets the trigger write its own logs only', () => {
    const logsId = logicalIdOf(synthesized, synthesized.stack.preTokenGenerationFunction.logGroup);
    const { statements, managedPolicies } = roleAccess(
      template,
      logicalIdOf(synthesized, synthesized.stack.preTokenGenerationFunction.role),
    );
    expect(managedPolicies).toEqual([]);
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: { 'Fn::GetAtt': [logsId, 'Arn'] },
      },
    ]);
  });

  it('outputs exactly the names of the contract', () => {
    expect(Object.keys(template.toJSON().Outputs).sort()).toEqual(Object.values(StackOutputNames).sort());
  });

  it('outputs the stage URL, pool, client, region and table', () => {
    const { stack } = synthesized;
    template.hasOutput(StackOutputNames.ApiUrl, {
      Value: {
        'Fn::Join': [
          '',
          Match.arrayWith([
            'https://',
            { Ref: stack.getLogicalId(stack.restApi.api.node.defaultChild as CfnFunction) },
            { Ref: stack.getLogicalId(stack.restApi.api.deploymentStage.node.defaultChild as CfnFunction) },
            '/',
          ]),
        ],
      },
    });
    template.hasOutput(StackOutputNames.UserPoolId, {
      Value: { Ref: logicalIdOf(synthesized, stack.userPool.userPool) },
    });
    template.hasOutput(StackOutputNames.UserPoolClientId, {
      Value: { Ref: logicalIdOf(synthesized, stack.userPool.client) },
    });
    template.hasOutput(StackOutputNames.Region, { Value: { Ref: 'AWS::Region' } });
    template.hasOutput(StackOutputNames.TableName, {
      Value: { Ref: logicalIdOf(synthesized, stack.table.table) },
    });
    template.hasOutput(StackOutputNames.ServiceClientId, {
      Value: { Ref: logicalIdOf(synthesized, stack.userPool.serviceClient) },
    });
  });

  it("outputs the user pool domain's base URL", () => {
    template.hasOutput(StackOutputNames.UserPoolDomainUrl, {
      Value: {
        'Fn::Join': [
          '',
          [
            'https://',
            { Ref: logicalIdOf(synthesized, synthesized.stack.userPool.domain) },
            '.auth.',
            { Ref: 'AWS::Region' },
            '.amazoncognito.com',
          ],
        ],
      },
    });
  });

  it("outputs the web app's CloudFront URL", () => {
    template.hasOutput(StackOutputNames.WebUrl, {
      Value: {
        'Fn::Join': [
          '',
          [
            'https://',
            { 'Fn::GetAtt': [logicalIdOf(synthesized, synthesized.stack.web.distribution), 'DomainName'] },
            '/',
          ],
        ],
      },
    });
  });

  it("deploys the web app's config.json from the API URL, pool, client, domain and region of this stack", () => {
    const { stack } = synthesized;
    const deployment = Object.values(template.findResources('Custom::CDKBucketDeployment'))[0] as {
      Properties: { SourceMarkers: Record<string, unknown>[] };
    };
    const refs = JSON.stringify(deployment.Properties.SourceMarkers);
    for (const construct of [
      stack.restApi.api,
      stack.userPool.userPool,
      stack.userPool.client,
      stack.userPool.domain,
    ]) {
      expect(refs).toContain(JSON.stringify({ Ref: logicalIdOf(synthesized, construct) }));
    }
  });
});

describe('a production stack without configured origins', () => {
  const synthesized = synthStack({ stage: 'prod', corsAllowedOrigins: undefined });

  it("lets only its own web app's origin call the API", () => {
    const webOrigin = {
      'Fn::Join': [
        '',
        [
          'https://',
          { 'Fn::GetAtt': [logicalIdOf(synthesized, synthesized.stack.web.distribution), 'DomainName'] },
        ],
      ],
    };
    const fn = synthesized.stack.apiFunction.function;
    const variables =
      synthesized.template.toJSON().Resources[logicalIdOf(synthesized, fn)].Properties.Environment.Variables;
    expect(variables.CORS_ALLOWED_ORIGINS).toEqual(webOrigin);
    // Email codes need SES on AWS, which a deployment must set up first: off unless asked for.
    synthesized.template.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: Match.objectLike({ SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD'] } }),
      MfaConfiguration: 'OPTIONAL',
    });
    synthesized.template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'DEFAULT_4XX',
      ResponseParameters: {
        'gatewayresponse.header.Access-Control-Allow-Origin': {
          'Fn::Join': ['', ["'https://", { 'Fn::GetAtt': [Match.anyValue(), 'DomainName'] }, "'"]],
        },
      },
    });
    expect(synthesized.nag.violations.filter((v) => v.severity === 'error')).toEqual([]);
  });

  it('sends the browser back to its own web app after managed login', () => {
    const webUrl = {
      'Fn::Join': [
        '',
        [
          'https://',
          { 'Fn::GetAtt': [logicalIdOf(synthesized, synthesized.stack.web.distribution), 'DomainName'] },
          '/',
        ],
      ],
    };
    const client =
      synthesized.template.toJSON().Resources[logicalIdOf(synthesized, synthesized.stack.userPool.client)];
    expect(client.Properties.CallbackURLs).toEqual([webUrl]);
    expect(client.Properties.LogoutURLs).toEqual([webUrl]);
    synthesized.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'gatehouse-prod' });
  });
});

describe('a production stack with email codes but no SES identity', () => {
  it('is refused before anything is deployed, naming the settings', () => {
    expect(() => synthStack({ stage: 'prod', emailOtpSignIn: true })).toThrow(InfraConfigError);
    expect(() => synthStack({ stage: 'prod', emailOtpSignIn: true })).toThrow(/sesFromEmail and sesRegion/);
  });
});

describe('the production stack', () => {
  const synthesized = synthStack({
    stage: 'prod',
    corsAllowedOrigins: ['https://app.example.com'],
    apiStageName: 'v1',
    tokenValidity: { accessToken: Duration.minutes(15), refreshToken: Duration.days(7) },
    authDomainPrefix: 'notes-example',
    oauthCallbackUrls: ['https://app.example.com/callback', 'https://app.example.com/'],
    oauthLogoutUrls: ['https://app.example.com/'],
    emailOtpSignIn: true,
    ses: { fromEmail: 'no-reply@example.com', region: 'eu-west-1' },
  });
  const { template } = synthesized;

  it('offers email codes when asked, sending email through SES', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: Match.objectLike({ SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } }),
      EmailConfiguration: Match.objectLike({
        EmailSendingAccount: 'DEVELOPER',
        From: 'no-reply@example.com',
      }),
    });
  });

  it('passes the cdk-nag AWS Solutions checks with every finding acknowledged', () => {
    expect(synthesized.nag.violations.filter((v) => v.severity === 'error')).toEqual([]);
  });

  it('retains and protects the user pool and the table', () => {
    template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }),
    });
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
  });

  it('retains every log group', () => {
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup'));
    expect(groups).toHaveLength(4);
    expect(groups.every((g) => g.DeletionPolicy === 'Retain')).toBe(true);
  });

  it('runs the api in production mode for the configured origin', () => {
    const props =
      template.toJSON().Resources[logicalIdOf(synthesized, synthesized.stack.apiFunction.function)]
        .Properties;
    expect(props.Environment.Variables).toMatchObject({
      STAGE: 'prod',
      CORS_ALLOWED_ORIGINS: 'https://app.example.com',
      LOG_LEVEL: 'INFO',
    });
    expect(props.Environment.Variables).not.toHaveProperty('API_DEV_MODE');
  });

  it('sends the configured origin, not *, on gateway errors and preflights', () => {
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'DEFAULT_4XX',
      ResponseParameters: {
        'gatewayresponse.header.Access-Control-Allow-Origin': "'https://app.example.com'",
      },
    });
    expect(JSON.stringify(template.findResources('AWS::ApiGateway::Method'))).not.toContain("'*'");
  });

  it('names the API stage as told', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', { StageName: 'v1' });
  });

  it('takes token lifetimes from the stack props', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AccessTokenValidity: 15,
      IdTokenValidity: 60,
      RefreshTokenValidity: 7 * 24 * 60,
    });
  });

  it('takes the domain prefix and the redirect URLs from the stack props', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'notes-example' });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['https://app.example.com/callback', 'https://app.example.com/'],
      LogoutURLs: ['https://app.example.com/'],
    });
  });
});
