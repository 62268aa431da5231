// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings, not JavaScript templates
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  ListUserPoolsCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOutboxMessage } from '../../src/cognito/index.js';
import { lambdaFunctionArn } from '../../src/lambda/lambda-function.js';
import { createMemoryLogger } from '../../src/logger.js';
import { type LocalStack, startLocalStack } from '../../src/stack/local-stack.js';

const fixture = join(import.meta.dirname, '..', 'fixtures', 'basic-app');
const PASSWORD = 'Passw0rdOK';

let root: string;
let assemblyDir: string;
let stateDir: string;
let stack: LocalStack;
const log = createMemoryLogger();

function start(reset = false): Promise<LocalStack> {
  return startLocalStack({ assemblyDir, stateDir, ports: {}, log, reset });
}

function cognitoClient(): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint: stack.endpoints.cognito,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

type BasicAppOutputs = Record<
  'ApiUrl' | 'UserPoolId' | 'UserPoolClientId' | 'UserPoolDomainUrl' | 'Region' | 'TableName' | 'FunctionArn',
  string
>;

function outputs(): BasicAppOutputs {
  return stack.outputs.BasicApp as BasicAppOutputs;
}

async function signUpAndSignIn(email: string): Promise<string> {
  const client = cognitoClient();
  const ClientId = outputs().UserPoolClientId;
  await client.send(
    new SignUpCommand({
      ClientId,
      Username: email,
      Password: PASSWORD,
      UserAttributes: [{ Name: 'email', Value: email }],
    }),
  );
  const message = stack.cognito.outbox
    .list({ userPoolId: outputs().UserPoolId })
    .find((m) => m.destination === email);
  await client.send(new ConfirmSignUpCommand({ ClientId, Username: email, ConfirmationCode: message?.code }));
  return signIn(email);
}

async function signIn(email: string): Promise<string> {
  const result = await cognitoClient().send(
    new InitiateAuthCommand({
      ClientId: outputs().UserPoolClientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD },
    }),
  );
  // No authorization scopes on the methods: API Gateway then wants the ID token.
  return result.AuthenticationResult?.IdToken as string;
}

function api(path: string, token: string | undefined, init: RequestInit = {}): Promise<Response> {
  return fetch(`${outputs().ApiUrl}${path}`, {
    ...init,
    headers: token === undefined ? {} : { Authorization: `Bearer ${token}` },
  });
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'gatehouse-stack-'));
  assemblyDir = join(root, 'cdk.out');
  stateDir = join(root, 'state');
  cpSync(fixture, assemblyDir, { recursive: true });
  // The function code imports the AWS SDK, as a bundle would; give the copied assembly our node_modules.
  symlinkSync(join(import.meta.dirname, '..', '..', 'node_modules'), join(root, 'node_modules'));
  stack = await start();
});

afterAll(async () => {
  await stack?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('startLocalStack', () => {
  it('writes outputs with the local API URL and the endpoints, atomically, and says it is ready', () => {
    expect(outputs().ApiUrl).toBe(`${stack.endpoints.apigateway}/prod/`);
    expect(outputs().UserPoolId).toMatch(/^us-east-1_[0-9A-Za-z]+$/);
    expect(outputs().Region).toBe('us-east-1');
    expect(outputs().TableName).toMatch(/^BasicApp-ItemsTable-[0-9A-Z]{12}$/);
    expect(outputs().FunctionArn).toMatch(/^arn:aws:lambda:us-east-1:000000000000:function:BasicApp-ApiFn-/);
    expect(JSON.parse(readFileSync(join(stateDir, 'outputs.json'), 'utf8'))).toEqual(stack.outputs);
    expect(JSON.parse(readFileSync(join(stateDir, 'endpoints.json'), 'utf8'))).toEqual(stack.endpoints);
    expect(stack.endpoints.dynamodb).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(stack.endpoints.auth).toMatch(/^http:\/\/localhost:\d+$/);
    // CDK's UserPoolDomain.baseUrl(), https://<prefix>.auth.<region>.amazoncognito.com, served locally.
    expect(outputs().UserPoolDomainUrl).toBe(`${stack.endpoints.auth}/basic-app-local`);
    expect(log.entries.some((e) => e.msg.includes('Local stack ready'))).toBe(true);
  });

  it('serves the user pool domain’s OAuth endpoints and sign-in page at the local domain URL', async () => {
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: outputs().UserPoolClientId,
      redirect_uri: 'http://localhost:5173/',
    });
    const authorize = await fetch(`${outputs().UserPoolDomainUrl}/oauth2/authorize?${query}`, {
      redirect: 'manual',
    });
    expect(authorize.status).toBe(302);
    const login = await fetch(new URL(authorize.headers.get('location') ?? '', outputs().UserPoolDomainUrl));
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('<label for="password">Password</label>');
  });

  it('keeps its state directory (signing keys, users) to its owner', () => {
    expect(statSync(stateDir).mode & 0o777).toBe(0o700);
  });

  it('lists the resource types it does not emulate once', () => {
    const lines = log.entries.filter((e) => e.msg.startsWith('Not emulated'));
    expect(lines).toHaveLength(1);
    expect(lines[0]?.msg).toContain('AWS::IAM::Role');
    expect(lines[0]?.msg).toContain('AWS::Lambda::Permission');
    expect(lines[0]?.msg).toContain('AWS::Logs::LogGroup');
  });

  it('runs sign-up → sign-in → protected call → Lambda → DynamoDB', async () => {
    const token = await signUpAndSignIn('ana@example.com');
    const put = await api('items/1', token, { method: 'PUT', body: 'hello' });
    expect(put.status).toBe(204);
    const get = await api('items/1', token);
    expect(get.status).toBe(200);
    // STAGE_LABEL comes from Fn::If on a template condition; email from the authorizer's claims.
    expect(await get.json()).toEqual({ body: 'hello', stage: 'production', email: 'ana@example.com' });
  });

  it('prints each confirmation code as it is sent', () => {
    const line = log.entries.find((e) => e.msg.includes('[outbox] SignUp'));
    expect(line?.msg).toMatch(/to ana@example\.com \(EMAIL\): code \d{6}$/);
  });

  it('refuses a call without a token with 401', async () => {
    const response = await api('items/1', undefined);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: 'Unauthorized' });
  });

  it('invokes the Cognito trigger named in LambdaConfig through the Lambda runtime', async () => {
    const result = await cognitoClient().send(
      new SignUpCommand({
        ClientId: outputs().UserPoolClientId,
        Username: 'bo@auto.test',
        Password: PASSWORD,
        UserAttributes: [{ Name: 'email', Value: 'bo@auto.test' }],
      }),
    );
    expect(result.UserConfirmed).toBe(true);
  });

  it("answers a failing trigger with Cognito's UserLambdaValidationException quoting the function's message", async () => {
    const signUp = cognitoClient().send(
      new SignUpCommand({
        ClientId: outputs().UserPoolClientId,
        Username: 'cy@blocked.test',
        Password: PASSWORD,
        UserAttributes: [{ Name: 'email', Value: 'cy@blocked.test' }],
      }),
    );
    await expect(signUp).rejects.toMatchObject({
      name: 'UserLambdaValidationException',
      message: 'PreSignUp failed with error Sign-ups from blocked.test are closed.',
    });
  });

  it('answers 502 when the function throws or runs past its own Timeout, and keeps serving', async () => {
    const token = await signIn('ana@example.com');
    const thrown = await api('items/boom', token);
    expect(thrown.status).toBe(502);
    // The function's Timeout (8 s) is shorter than the integration's (29 s): AWS answers 502, not 504.
    const timedOut = await api('items/hang', token);
    expect(timedOut.status).toBe(502);
    expect(log.entries.some((e) => e.msg.includes('Task timed out after 8.00 seconds'))).toBe(true);
    expect((await api('items/1', token)).status).toBe(200);
  });

  it('uses rebuilt function code for new invocations without a restart', async () => {
    const token = await signIn('ana@example.com');
    writeFileSync(
      join(assemblyDir, 'asset.apifn', 'index.mjs'),
      `export const handler = async () => ({ statusCode: 200, body: JSON.stringify({ rebuilt: true }) });\n`,
    );
    expect(await (await api('items/1', token)).json()).toEqual({ rebuilt: true });
    cpSync(join(fixture, 'asset.apifn'), join(assemblyDir, 'asset.apifn'), { recursive: true });
  });

  it('keeps ids, users and data when started again with the same state directory', async () => {
    const before = stack.outputs.BasicApp;
    await stack.stop();
    stack = await start();
    // Port 0 gives the gateway and the OAuth server new ports; with fixed ports the URLs are the same too.
    expect(outputs()).toEqual({
      ...before,
      ApiUrl: `${stack.endpoints.apigateway}/prod/`,
      UserPoolDomainUrl: `${stack.endpoints.auth}/basic-app-local`,
    });
    // Nothing changed, so nothing is reported as changed.
    expect(log.entries.filter((e) => e.level === 'warn' && e.msg.includes('the template changed'))).toEqual(
      [],
    );
    const token = await signIn('ana@example.com');
    const get = await api('items/1', token);
    expect(await get.json()).toMatchObject({ body: 'hello' });
  });

  it('applies a changed template in place on restart', async () => {
    const templateFile = join(assemblyDir, 'BasicApp.template.json');
    const template = JSON.parse(readFileSync(templateFile, 'utf8'));
    template.Parameters.StageName.Default = 'dev';
    template.Resources.UserPool.Properties.Policies.PasswordPolicy.MinimumLength = 12;
    template.Resources.UserPool.Properties.UsernameAttributes = ['phone_number', 'email'];
    writeFileSync(templateFile, JSON.stringify(template));
    const before = stack.outputs;
    await stack.stop();
    stack = await start();
    expect(outputs().UserPoolId).toBe(before.BasicApp?.UserPoolId);
    expect(outputs().ApiUrl).toBe(`${stack.endpoints.apigateway}/dev/`);
    const token = await signIn('ana@example.com');
    // STAGE_LABEL is now Ref AWS::NoValue: the variable is gone.
    expect(await (await api('items/1', token)).json()).toEqual({
      body: 'hello',
      stage: null,
      email: 'ana@example.com',
    });
    const pool = await stack.cognito.call(
      'DescribeUserPool',
      { UserPoolId: outputs().UserPoolId },
      { sigv4: true },
    );
    expect(pool).toMatchObject({ UserPool: { Policies: { PasswordPolicy: { MinimumLength: 12 } } } });
    expect(
      log.entries.some(
        (e) => e.level === 'warn' && e.msg.includes('the template changed UsernameAttributes'),
      ),
    ).toBe(true);
  });

  it('applies a new synth while running: new asset folder, new route, same ids', async () => {
    const before = stack.outputs.BasicApp;
    // A new synth stages the rebuilt code in a new asset folder and points the template at it.
    cpSync(join(assemblyDir, 'asset.apifn'), join(assemblyDir, 'asset.apifn-v2'), { recursive: true });
    writeFileSync(
      join(assemblyDir, 'asset.apifn-v2', 'index.mjs'),
      `export const handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ v2: event.resource }) });\n`,
    );
    const templateFile = join(assemblyDir, 'BasicApp.template.json');
    const template = JSON.parse(readFileSync(templateFile, 'utf8'));
    template.Resources.ApiFn.Metadata['aws:asset:path'] = 'asset.apifn-v2';
    template.Resources.ItemsList = {
      ...template.Resources.ItemGet,
      Properties: { ...template.Resources.ItemGet.Properties, ResourceId: { Ref: 'ItemsResource' } },
    };
    writeFileSync(templateFile, JSON.stringify(template));

    await stack.reload();
    expect(stack.outputs.BasicApp).toEqual(before);
    expect(JSON.parse(readFileSync(join(stateDir, 'outputs.json'), 'utf8'))).toEqual(stack.outputs);
    const token = await signIn('ana@example.com');
    expect(await (await api('items', token)).json()).toEqual({ v2: '/items' });
    expect(await (await api('items/1', token)).json()).toEqual({ v2: '/items/{id}' });
  });

  it('keeps running as before when a new synth cannot be applied', async () => {
    const templateFile = join(assemblyDir, 'BasicApp.template.json');
    const good = readFileSync(templateFile, 'utf8');
    const template = JSON.parse(good);
    template.Resources.ApiFn.Properties.Environment.Variables.BROKEN = { Ref: 'NoSuchThing' };
    writeFileSync(templateFile, JSON.stringify(template));
    await stack.reload();
    expect(
      log.entries.some(
        (e) =>
          e.level === 'error' && e.msg.includes('BasicApp/ApiFn.Properties.Environment.Variables.BROKEN.Ref'),
      ),
    ).toBe(true);
    const token = await signIn('ana@example.com');
    expect((await api('items/1', token)).status).toBe(200);
    writeFileSync(templateFile, good);
  });

  it('applies a new synth by itself when watching the assembly', async () => {
    await stack.stop();
    // The stack says when it has applied (or failed to apply) a new assembly: wait for that, not for a
    // polling deadline that a busy machine could miss.
    let applied: (outcome: string) => void = () => {};
    const reloaded = new Promise<string>((resolve) => {
      applied = resolve;
    });
    const watchLog = {
      info: (msg: string) => {
        log.info(msg);
        if (msg === 'Local stack updated from the new assembly') applied('updated');
      },
      warn: (msg: string) => log.warn(msg),
      error: (msg: string) => {
        log.error(msg);
        if (msg.startsWith('The new assembly could not be applied')) applied(msg);
      },
    };
    stack = await startLocalStack({ assemblyDir, stateDir, ports: {}, log: watchLog, watch: true });
    const templateFile = join(assemblyDir, 'BasicApp.template.json');
    const template = JSON.parse(readFileSync(templateFile, 'utf8'));
    template.Outputs.Extra = { Value: { 'Fn::Sub': '${AWS::StackName}-extra' } };
    writeFileSync(templateFile, JSON.stringify(template));
    expect(await reloaded).toBe('updated');
    expect(stack.outputs.BasicApp?.Extra).toBe('BasicApp-extra');
  });

  it('starts from an empty state with reset', async () => {
    const before = stack.outputs;
    await stack.stop();
    stack = await start(true);
    expect(outputs().UserPoolId).not.toBe(before.BasicApp?.UserPoolId);
    await expect(signIn('ana@example.com')).rejects.toThrow();
  });
});

describe('describeOutboxMessage', () => {
  const base = {
    userPoolId: 'us-east-1_abc',
    username: 'ana',
    destination: 'ana@example.com',
    deliveryMedium: 'EMAIL' as const,
    sentAt: '2026-01-01T00:00:00.000Z',
  };

  it('shows the code to type', () => {
    expect(describeOutboxMessage({ ...base, kind: 'ForgotPassword', code: '123456' })).toBe(
      '[outbox] ForgotPassword for ana in us-east-1_abc to ana@example.com (EMAIL): code 123456',
    );
  });

  it('never prints a temporary password', () => {
    const line = describeOutboxMessage({
      ...base,
      kind: 'AdminCreateUser',
      temporaryPassword: 'Tmp-Secret-9',
    });
    expect(line).not.toContain('Tmp-Secret-9');
    expect(line).toContain('temporary password in GET /_local/outbox');
  });
});

describe('startLocalStack on a busy port', () => {
  it('names the service and the flag, and releases everything it had started', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as AddressInfo).port;
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-busy-'));
    try {
      const options = { assemblyDir: fixture, stateDir: join(dir, 'state'), log: createMemoryLogger() };
      await expect(startLocalStack({ ...options, ports: { apigateway: port } })).rejects.toThrow(
        `API Gateway cannot listen on port ${port} (already in use); stop what uses it, or choose another port with --api-port (0 = any free port)`,
      );
      // The state directory, DynamoDB store and Cognito store were all released: a new start works.
      const again = await startLocalStack({ ...options, ports: {} });
      await again.stop();
    } finally {
      busy.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('startLocalStack in strict mode', () => {
  it('refuses admin calls signed with another key, and gives functions the key so their admin calls pass', async () => {
    const credentials = { accessKeyId: 'STRICTLOCAL', secretAccessKey: 'strict-local-secret' };
    const strict = await startLocalStack({
      assemblyDir,
      stateDir: join(root, 'strict-state'),
      ports: {},
      log: createMemoryLogger(),
      credentials,
    });
    const other = new CognitoIdentityProviderClient({
      endpoint: strict.endpoints.cognito,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    try {
      await expect(other.send(new ListUserPoolsCommand({ MaxResults: 10 }))).rejects.toMatchObject({
        name: 'UnrecognizedClientException',
      });
      // A function of the stack calls the local Cognito as deployed code would: no endpoint or key in code.
      const codeDir = join(root, 'admin-caller');
      mkdirSync(codeDir, { recursive: true });
      writeFileSync(
        join(codeDir, 'index.mjs'),
        `import { CognitoIdentityProviderClient, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
const cognito = new CognitoIdentityProviderClient({});
export const handler = async () =>
  (await cognito.send(new ListUserPoolsCommand({ MaxResults: 10 }))).UserPools.map((p) => p.Id);`,
      );
      strict.lambda.register({
        functionName: 'AdminCaller',
        functionArn: lambdaFunctionArn('us-east-1', '000000000000', 'AdminCaller'),
        handler: 'index.handler',
        runtime: 'nodejs20.x',
        codeDir,
        environment: {},
        timeoutSeconds: 30,
        memoryMb: 256,
      });
      const poolId = Object.values(strict.outputs)[0]?.UserPoolId;
      expect(await strict.lambda.invoke('AdminCaller', {})).toMatchObject({ ok: true, payload: [poolId] });
    } finally {
      other.destroy();
      await strict.stop();
    }
  });
});
