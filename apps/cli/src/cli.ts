#!/usr/bin/env node
import { text } from 'node:stream/consumers';
import { runCli } from './run-cli.js';

// The AWS SDK warns on Node 20 that its releases after January 2027 need Node 22. That is news for whoever
// upgrades the SDK, not for each run of this tool, whose stderr is one line per failure; it can be asked for
// by setting the variable to anything else.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// `npm run cli` runs in the workspace root; INIT_CWD is where the user typed it, which is what relative
// paths on the command line (`--outputs ./x.json`) mean.
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (chunk) => process.stdout.write(chunk),
  stderr: (chunk) => process.stderr.write(chunk),
  readStdin: () => text(process.stdin),
  cwd: process.env.INIT_CWD ?? process.cwd(),
  env: process.env,
});
