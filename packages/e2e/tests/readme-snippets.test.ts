import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { type E2eStack, startE2eStack, TEST_PASSWORD } from './support/local-stack.js';

const E2E_DIR = fileURLToPath(new URL('..', import.meta.url));
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

interface Snippet {
  file: string;
  line: number;
  kind: 'check' | 'runnable';
  path: string;
}

// Inside this package, so that the snippets' `@org/client` imports resolve as they would in a reader's
// workspace package.
const outDir = mkdtempSync(join(E2E_DIR, '.readme-snippets-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

function runnableSnippets(): Map<string, Snippet[]> {
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'scripts', 'readme-snippets.mjs'), 'write', '--out', outDir, '--json'],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`readme-snippets.mjs failed: ${result.stderr}`);
  const byReadme = new Map<string, Snippet[]>();
  for (const snippet of JSON.parse(result.stdout) as Snippet[]) {
    if (snippet.kind !== 'runnable') continue;
    byReadme.set(snippet.file, [...(byReadme.get(snippet.file) ?? []), snippet]);
  }
  return byReadme;
}

/** Runs one snippet as a reader would (`tsx file.ts`), against the test's stack, found through GATEHOUSE_STATE_DIR. */
function run(
  snippet: Snippet,
  env: E2eStack,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=@org/source', '--import', 'tsx', snippet.path], {
      cwd: E2E_DIR,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: env.stateDir,
        GATEHOUSE_STATE_DIR: env.stateDir,
        GATEHOUSE_PASSWORD: TEST_PASSWORD,
        // The AWS SDK's notice that it will need Node 22 from 2027 would be the only stderr output.
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const snippets = runnableSnippets();
/** What each README's blocks printed, in order. */
const stdout = new Map<string, string[]>();

describe('README snippets marked runnable', () => {
  it('include the root README sign-up, sign-in and route call', () => {
    expect(snippets.get('README.md')?.length).toBeGreaterThanOrEqual(2);
  });

  // Each README's runnable blocks run in order (sign-up before sign-in) on a fresh stack of their own.
  describe.each([...snippets.keys()])('%s', (readme) => {
    let env: E2eStack | undefined;
    afterAll(async () => {
      await env?.stop();
    });

    it.each(snippets.get(readme) ?? [])('runs the block at line $line', async (snippet) => {
      env ??= await startE2eStack();
      const result = await run(snippet, env);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).not.toBe('');
      stdout.set(readme, [...(stdout.get(readme) ?? []), result.stdout]);
    });
  });

  it('signed up, confirmed, signed in and called the routes', () => {
    // The root README's blocks print what they did; this ties the runs above to what the README promises.
    const printed = (stdout.get('README.md') ?? []).join('');
    expect(printed).toContain('Signed up and confirmed ben@example.com');
    expect(printed).toMatch(/v2 Renamed/);
  });
});
