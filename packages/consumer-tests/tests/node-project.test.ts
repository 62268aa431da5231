import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { consumerBin } from './support/consumer-project.js';
import { CONSUMER_PASSWORD, uniqueEmail } from './support/outbox.js';
import { type CommandOutput, runCommand } from './support/run-command.js';

const { dir, stateDir } = inject('consumer');

// The same source compiled twice with `moduleResolution: nodenext`: as an ES module, and as CommonJS, where
// TypeScript emits `require('@org/client')` and Node.js 20.19+ loads the ESM-only packages with require(esm).
describe.each([
  { folder: 'node-esm', loads: 'import' },
  { folder: 'node-cjs', loads: 'require()' },
])('a Node.js project outside the workspace ($folder, packages loaded with $loads)', ({ folder }) => {
  const project = join(dir, folder);
  let compiled: CommandOutput | Error;

  beforeAll(async () => {
    compiled = await runCommand(process.execPath, [consumerBin(dir, 'tsc'), '-p', project], project).catch(
      (error: Error) => error,
    );
  });

  it('type-checks against the installed tarballs with tsc (strict, declaration files checked too)', () => {
    if (compiled instanceof Error) throw compiled;
    expect(compiled.stdout).toBe('');
  });

  it('signs up, confirms with the outbox code, signs in and calls typed routes on the local stack', async () => {
    if (compiled instanceof Error) throw compiled;
    const email = uniqueEmail(folder);
    const { stdout } = await runCommand(
      process.execPath,
      [join(project, 'dist', 'main.js'), stateDir, email, CONSUMER_PASSWORD],
      project,
    );
    expect(JSON.parse(stdout)).toEqual({
      notSignedInBeforeSignIn: true,
      userConfirmed: false,
      signIn: 'signed-in',
      email,
      created: 'From outside the monorepo',
      listed: ['From outside the monorepo'],
      me: email,
    });
  });
});
