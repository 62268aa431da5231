import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ListUsersCommand, type UserType } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { DEPLOYED_EMAIL_PREFIX, DeployedTargetEnv } from '../tests-deployed/support/deployed-target.js';
import { useLocalStack } from './support/local-stack.js';

// `npm run test:deployed` against the local stack: the same suite that smoke-tests a stack on AWS, given the
// local stack's outputs.json (and endpoints.json, where its Cognito listens), run as its own vitest process
// exactly as the root command runs it.

const env = useLocalStack();

const e2eDir = fileURLToPath(new URL('..', import.meta.url));
const vitestBin = fileURLToPath(new URL('../../../node_modules/vitest/vitest.mjs', import.meta.url));
const reportFile = join(e2eDir, 'reports', 'deployed', 'vitest.json');

interface SuiteRun {
  code: number | null;
  output: string;
  report: { numTotalTests: number; numPassedTests: number; numFailedTests: number; numPendingTests: number };
}

/** Runs the deployed suite's vitest config in a child process (async: this process serves the stack). */
function runDeployedSuite(files: { outputs: string; stack?: string }): Promise<SuiteRun> {
  rmSync(reportFile, { force: true });
  const childEnv: NodeJS.ProcessEnv = {};
  // The child is a vitest run of its own, not a worker of this one.
  for (const [key, value] of Object.entries(process.env))
    if (!key.startsWith('VITEST')) childEnv[key] = value;
  Object.assign(childEnv, {
    [DeployedTargetEnv.outputsFile]: files.outputs,
    [DeployedTargetEnv.stackName]: files.stack ?? '',
    [DeployedTargetEnv.endpointsFile]: join(env().stateDir, 'endpoints.json'),
    // The caller's credentials, from the environment as the default chain reads them; the local Cognito
    // accepts any well-formed signature for its admin operations.
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SESSION_TOKEN: '',
    AWS_PROFILE: '',
  });
  const child = spawn(process.execPath, [vitestBin, 'run', '--config', 'tests-deployed/vitest.config.ts'], {
    cwd: e2eDir,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (!existsSync(reportFile)) return reject(new Error(`The suite wrote no report:\n${output}`));
      resolve({ code, output, report: JSON.parse(readFileSync(reportFile, 'utf8')) });
    });
  });
}

/** Every user of the stack's pool. */
async function poolUsers(): Promise<UserType[]> {
  const users: UserType[] = [];
  let token: string | undefined;
  do {
    const page = await env().cognito.send(
      new ListUsersCommand({ UserPoolId: env().outputs.UserPoolId, PaginationToken: token }),
    );
    users.push(...(page.Users ?? []));
    token = page.PaginationToken;
  } while (token !== undefined);
  return users;
}

/** Addresses the suite signed up with, from the codes the local Cognito "sent". */
function suiteSignUps(): string[] {
  return env()
    .stack.cognito.outbox.list({ userPoolId: env().outputs.UserPoolId })
    .filter((m) => m.kind === 'SignUp' && m.destination.startsWith(DEPLOYED_EMAIL_PREFIX))
    .map((m) => m.destination);
}

function suiteUsersLeft(users: UserType[]): string[] {
  return users
    .flatMap((u) => u.Attributes ?? [])
    .filter((a) => a.Name === 'email' && a.Value?.startsWith(DEPLOYED_EMAIL_PREFIX))
    .map((a) => String(a.Value));
}

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('npm run test:deployed against the local stack', () => {
  it("passes every flow on the stack's outputs.json and deletes the users it created", async () => {
    const outputsFile = join(env().stateDir, 'outputs.json');
    const [stack] = Object.keys(JSON.parse(readFileSync(outputsFile, 'utf8')));

    const run = await runDeployedSuite({ outputs: outputsFile, ...(stack === undefined ? {} : { stack }) });

    expect(run.code, run.output).toBe(0);
    expect(run.report).toMatchObject({ numFailedTests: 0, numPendingTests: 0 });
    expect(run.report.numPassedTests).toBe(run.report.numTotalTests);
    expect(run.report.numPassedTests).toBeGreaterThanOrEqual(6);
    expect(suiteSignUps().length).toBeGreaterThanOrEqual(5);
    expect(suiteUsersLeft(await poolUsers())).toEqual([]);
  });

  it('fails when the API cannot be reached, and still deletes the users it created', async () => {
    const before = suiteSignUps().length;
    const outputs = JSON.parse(readFileSync(join(env().stateDir, 'outputs.json'), 'utf8')) as Record<
      string,
      Record<string, string>
    >;
    const port = await closedPort();
    for (const stackOutputs of Object.values(outputs)) stackOutputs.ApiUrl = `http://127.0.0.1:${port}/dev/`;
    const brokenFile = join(env().stateDir, 'unreachable-api-outputs.json');
    writeFileSync(brokenFile, JSON.stringify(outputs));

    const run = await runDeployedSuite({ outputs: brokenFile });

    expect(run.code, run.output).toBe(1);
    expect(run.report.numFailedTests).toBeGreaterThan(0);
    // Cognito answered, so users were signed up before the API calls failed; none is left.
    expect(suiteSignUps().length).toBeGreaterThan(before);
    expect(suiteUsersLeft(await poolUsers())).toEqual([]);
  });

  it('names the missing option when no outputs file is given', async () => {
    const run = await runDeployedSuite({ outputs: '' });

    expect(run.code).toBe(1);
    expect(run.output).toContain(`${DeployedTargetEnv.outputsFile} is not set`);
  });
});
