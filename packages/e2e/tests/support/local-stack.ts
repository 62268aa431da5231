import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AdminAddUserToGroupCommand,
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { parseOutputsFile, type StackOutputs } from '@org/contracts';
import {
  createMemoryLogger,
  type EmulatorLogger,
  type LocalStack,
  type LogEntry,
  startLocalStack,
} from '@org/emulator';
import { afterAll, beforeAll } from 'vitest';

/** The synthesized app (`pnpm --filter @org/infra synth` writes it). */
export const INFRA_ASSEMBLY_DIR = fileURLToPath(new URL('../../../../infra/cdk.out', import.meta.url));

/** A password that satisfies the app's policy (12+ characters). */
export const TEST_PASSWORD = 'correct-horse-battery-staple-42';

/** A running local stack on a temporary state directory, with what the tests need from it. */
export interface E2eStack {
  stack: LocalStack;
  /** The stack's outputs, validated by the contract's schema (`ApiUrl` is the local gateway URL). */
  outputs: StackOutputs;
  /** The official Cognito SDK pointed at the local Cognito. */
  cognito: CognitoIdentityProviderClient;
  stateDir: string;
  assemblyDir: string;
  /** Every line the stack logged, across restarts (kept in memory so tests stay quiet). */
  logs: LogEntry[];
  /** Stops the stack and starts it again on the same state directory (same ids, users and data). */
  restart(): Promise<void>;
  /** Stops the stack and removes the temporary state directory. */
  stop(): Promise<void>;
}

export interface StartE2eStackOptions {
  /** Default: the real app in infra/cdk.out. */
  assemblyDir?: string;
}

/** Where a state directory for one test file goes. */
function tempStateDir(): string {
  return mkdtempSync(join(tmpdir(), 'gatehouse-e2e-'));
}

async function start(assemblyDir: string, stateDir: string, log: EmulatorLogger) {
  if (!existsSync(join(assemblyDir, 'manifest.json'))) {
    throw new Error(
      `No cloud assembly in ${assemblyDir}: synthesize the app first (pnpm --filter @org/infra synth, or pnpm dev once)`,
    );
  }
  const stack = await startLocalStack({
    assemblyDir,
    stateDir,
    ports: { cognito: 0, apigateway: 0, dynamodb: 0 },
    log,
  });
  const outputsByStack = stack.outputs;
  const outputs = parseOutputsFile(outputsByStack);
  const cognito = new CognitoIdentityProviderClient({
    endpoint: stack.endpoints.cognito,
    region: outputs.Region,
    // Admin operations need SigV4; the local Cognito accepts any credentials.
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return { stack, outputs, cognito };
}

/**
 * Starts the local stack on a cloud assembly (the real app by default) with a fresh temporary state
 * directory and free ports.
 */
export async function startE2eStack(options: StartE2eStackOptions = {}): Promise<E2eStack> {
  const assemblyDir = options.assemblyDir ?? INFRA_ASSEMBLY_DIR;
  const stateDir = tempStateDir();
  const log = createMemoryLogger();
  let running = await start(assemblyDir, stateDir, log);
  const env: E2eStack = {
    ...running,
    stateDir,
    assemblyDir,
    logs: log.entries,
    async restart() {
      running.cognito.destroy();
      await running.stack.stop();
      running = await start(assemblyDir, stateDir, log);
      Object.assign(env, running);
    },
    async stop() {
      running.cognito.destroy();
      await running.stack.stop();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
  return env;
}

/**
 * Starts the stack once for the calling test file (`beforeAll`) and stops it afterwards (`afterAll`).
 * Returns a getter, since the stack exists only once `beforeAll` has run.
 *
 * @example
 * const env = useLocalStack();
 * it('answers', async () => { const res = await fetch(`${env().outputs.ApiUrl}health`); });
 */
export function useLocalStack(options: StartE2eStackOptions = {}): () => E2eStack {
  let env: E2eStack | undefined;
  beforeAll(async () => {
    env = await startE2eStack(options);
  });
  afterAll(async () => {
    await env?.stop();
  });
  return () => {
    if (!env) throw new Error('The local stack is not running (use the getter inside a test or hook)');
    return env;
  };
}

/** A user created through the SDK. */
export interface TestUser {
  email: string;
  password: string;
  /** Cognito's username for the user: the pool uses the email as username, so this is the user's sub. */
  sub: string;
}

let counter = 0;

/** A unique email for a new test user. */
export function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}@example.com`;
}

/**
 * Signs a user up with the official SDK (`SignUp`) and confirms them with the code the local Cognito put in
 * its outbox (`ConfirmSignUp`), as a person would with the email they received.
 */
export async function signUpAndConfirm(
  env: E2eStack,
  options: { email?: string; password?: string; name?: string } = {},
): Promise<TestUser> {
  const email = options.email ?? uniqueEmail();
  const password = options.password ?? TEST_PASSWORD;
  const { UserSub } = await env.cognito.send(
    new SignUpCommand({
      ClientId: env.outputs.UserPoolClientId,
      Username: email,
      Password: password,
      UserAttributes: [
        { Name: 'email', Value: email },
        ...(options.name === undefined ? [] : [{ Name: 'name', Value: options.name }]),
      ],
    }),
  );
  if (UserSub === undefined) throw new Error('SignUp returned no UserSub');
  const message = env.stack.cognito.outbox
    .list({ userPoolId: env.outputs.UserPoolId })
    // The pool uses the email as username, so Cognito's own username for the user is its sub.
    .filter(
      (m) =>
        m.kind === 'SignUp' && (m.username === UserSub || m.username === email || m.destination === email),
    )
    .at(-1);
  if (message?.code === undefined) throw new Error(`No confirmation code in the outbox for ${email}`);
  await env.cognito.send(
    new ConfirmSignUpCommand({
      ClientId: env.outputs.UserPoolClientId,
      Username: email,
      ConfirmationCode: message.code,
    }),
  );
  return { email, password, sub: UserSub };
}

/** The tokens of a signed-in user. */
export interface TestTokens {
  accessToken: string;
  idToken: string;
  refreshToken: string;
}

/** Signs in with the official SDK (`InitiateAuth`, `USER_PASSWORD_AUTH`). */
export async function signIn(env: E2eStack, user: Pick<TestUser, 'email' | 'password'>): Promise<TestTokens> {
  const { AuthenticationResult: r } = await env.cognito.send(
    new InitiateAuthCommand({
      ClientId: env.outputs.UserPoolClientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: user.email, PASSWORD: user.password },
    }),
  );
  if (r?.AccessToken === undefined || r.IdToken === undefined || r.RefreshToken === undefined) {
    throw new Error('InitiateAuth returned no tokens');
  }
  return { accessToken: r.AccessToken, idToken: r.IdToken, refreshToken: r.RefreshToken };
}

/** Adds a user to a group (`AdminAddUserToGroup`); tokens issued afterwards carry it. */
export async function addToGroup(
  env: E2eStack,
  user: Pick<TestUser, 'email'>,
  groupName: string,
): Promise<void> {
  await env.cognito.send(
    new AdminAddUserToGroupCommand({
      UserPoolId: env.outputs.UserPoolId,
      Username: user.email,
      GroupName: groupName,
    }),
  );
}

/** Signs up, confirms and signs in a new user. */
export async function newSignedInUser(
  env: E2eStack,
  options: { name?: string; groups?: string[] } = {},
): Promise<TestUser & { tokens: TestTokens }> {
  const user = await signUpAndConfirm(env, options.name === undefined ? {} : { name: options.name });
  for (const group of options.groups ?? []) await addToGroup(env, user, group);
  return { ...user, tokens: await signIn(env, user) };
}

/** `fetch` against the stack's API URL (`path` without the leading `/`), with an optional bearer token. */
export async function callApi(
  env: E2eStack,
  path: string,
  init: RequestInit & { token?: string } = {},
): Promise<{ status: number; headers: Headers; text: string; json: <T = Record<string, unknown>>() => T }> {
  const { token, headers, ...rest } = init;
  const res = await fetch(`${env.outputs.ApiUrl}${path.replace(/^\//, '')}`, {
    ...rest,
    headers: {
      ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
      ...(headers as Record<string, string> | undefined),
    },
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: <T>() => JSON.parse(text) as T };
}
