#!/usr/bin/env node
import { useColour } from './lambda/dev-console.js';
import { captureProcessWarnings } from './lambda/process-warnings.js';
import { createConsoleLogger } from './logger.js';
import { CLI_USAGE, CliUsageError, parseCliConfig } from './stack/cli-config.js';
import { startLocalStack } from './stack/local-stack.js';

async function main(): Promise<number> {
  let config: ReturnType<typeof parseCliConfig>;
  try {
    // The environment is read here, once; nothing below reads process.env.
    config = parseCliConfig(process.argv.slice(2), process.env);
  } catch (err) {
    if (err instanceof CliUsageError) {
      process.stderr.write(`gatehouse-emulator: ${err.message}\n\n${CLI_USAGE}\n`);
      return 2;
    }
    throw err;
  }
  if (config === 'help') {
    process.stdout.write(`${CLI_USAGE}\n`);
    return 0;
  }
  const log = createConsoleLogger('gatehouse');
  captureProcessWarnings(log);
  const stack = await startLocalStack({
    assemblyDir: config.assemblyDir,
    stateDir: config.stateDir,
    ports: {
      cognito: config.cognitoPort,
      auth: config.authPort,
      apigateway: config.apiPort,
      dynamodb: config.dynamodbPort,
    },
    host: config.host,
    reset: config.reset,
    watch: config.watch,
    cognitoIssuer: config.issuer,
    logFormat: config.logFormat,
    color: useColour(process.env, process.stdout),
    ...(config.credentials === undefined ? {} : { credentials: config.credentials }),
    log,
  });
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) {
        log.warn(`${signal} again: exiting without waiting`);
        process.exit(1);
      }
      stopping = true;
      log.info(`${signal}: stopping the local stack`);
      stack.stop().then(resolve, (err: unknown) => {
        log.error(`while stopping: ${err instanceof Error ? err.message : String(err)}`);
        resolve();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  log.info('Local stack stopped');
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
    // Everything is closed by now; should a library keep a handle open, do not hang the terminal for it.
    setTimeout(() => process.exit(code), 2000).unref();
  },
  (err: unknown) => {
    process.stderr.write(`gatehouse-emulator: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
