import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatProblem, lintWorkflow, lintWorkflowFolder, runCli } from '../lint-workflows.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'gatehouse-workflows-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const valid = `name: ok
on:
  pull_request:
  push:
    branches: [main]
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-24.04
    strategy:
      matrix:
        node: [20, 22, 24]
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - run: echo "\${{ matrix.node }}"
`;

/** Writes workflow files into a fresh folder and returns its path. */
function folderWith(files) {
  const folder = mkdtempSync(join(scratch, 'wf-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  return folder;
}

describe('lintWorkflow', () => {
  it('finds no problem in a valid workflow', async () => {
    expect(await lintWorkflow(valid, 'ci.yml')).toEqual([]);
  });

  it.each([
    {
      problem: 'a YAML syntax error',
      text: valid.replace('    runs-on: ubuntu-24.04', '    runs-on: [ubuntu-24.04'),
      kind: 'syntax-check',
    },
    {
      problem: 'an unknown key',
      text: valid.replace('    runs-on:', '    run-on: ubuntu-24.04\n    runs-on:'),
      kind: 'syntax-check',
    },
    {
      problem: 'a job without runs-on',
      text: valid.replace('    runs-on: ubuntu-24.04\n', ''),
      kind: 'syntax-check',
    },
    {
      problem: 'a matrix value that does not exist',
      text: valid.replace('matrix.node }}', 'matrix.nodes }}'),
      kind: 'expression',
    },
    {
      problem: 'a job that needs a missing job',
      text: valid.replace('    runs-on: ubuntu-24.04', '    needs: build\n    runs-on: ubuntu-24.04'),
      kind: 'job-needs',
    },
    {
      problem: "an input that actions/checkout doesn't have",
      text: valid.replace('fetch-depth: 0', 'fetch-dept: 0'),
      kind: 'action',
    },
    {
      problem: 'an unknown permission',
      text: valid.replace('contents: read', 'content: read'),
      kind: 'permissions',
    },
  ])('reports $problem with its line', async ({ text, kind }) => {
    const problems = await lintWorkflow(text, 'ci.yml');
    expect(problems.map((p) => p.kind)).toContain(kind);
    for (const p of problems) {
      expect(p).toMatchObject({ path: 'ci.yml', line: expect.any(Number), message: expect.any(String) });
      expect(p.line).toBeGreaterThan(0);
    }
  });
});

describe('lintWorkflowFolder', () => {
  it('lints every *.yml and *.yaml file of the folder and only those', async () => {
    const folder = folderWith({
      'a.yml': valid,
      'b.yaml': 'on: push\njobs: {}\n',
      'notes.txt': 'not yaml: [',
    });
    const { files, problems } = await lintWorkflowFolder(folder);
    expect(files).toEqual([join(folder, 'a.yml'), join(folder, 'b.yaml')]);
    expect(problems.map((p) => p.path)).toEqual([join(folder, 'b.yaml')]);
  });

  it.each([
    { what: 'an empty folder', make: () => folderWith({}), message: /No workflow files/ },
    {
      what: 'a missing folder',
      make: () => join(scratch, 'nope'),
      message: /Cannot read the workflow folder/,
    },
  ])('refuses $what, so a lint that checked nothing never passes', async ({ make, message }) => {
    await expect(lintWorkflowFolder(make())).rejects.toThrow(message);
  });
});

describe('runCli', () => {
  /** Runs the command line in this process (one WebAssembly instance for the whole file). */
  async function cli(folder, cwd) {
    const out = [];
    const err = [];
    const status = await runCli(folder, { out: (l) => out.push(l), err: (l) => err.push(l), cwd });
    return { status, out: out.join('\n'), err: err.join('\n') };
  }

  it('returns 1 and prints file:line:column for a broken workflow', async () => {
    const folder = folderWith({ 'ci.yml': valid.replace('matrix.node }}', 'matrix.nodes }}') });
    const run = await cli(folder, folder);
    expect(run.status).toBe(1);
    expect(run.err).toMatch(/^ci\.yml:\d+:\d+: .*"nodes".* \[expression\]$/m);
    expect(run.err).toContain('1 problem(s) in 1 workflow');
  });

  it('returns 0 for valid workflows', async () => {
    const run = await cli(folderWith({ 'ci.yml': valid }));
    expect(run).toEqual({ status: 0, out: 'actionlint: 1 workflow checked, no problems', err: '' });
  });

  it('returns 1 when there is nothing to check', async () => {
    const run = await cli(folderWith({}));
    expect(run.status).toBe(1);
    expect(run.err).toContain('No workflow files');
  });

  it('formats a problem relative to the working directory', () => {
    const dir = join(scratch, 'repo');
    const problem = {
      path: join(dir, '.github/workflows/ci.yml'),
      line: 3,
      column: 5,
      message: 'bad',
      kind: 'x',
    };
    expect(formatProblem(problem, dir)).toBe('.github/workflows/ci.yml:3:5: bad [x]');
  });
});
