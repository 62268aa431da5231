export { writeFileAtomic } from './atomic-file.js';
export { CLI_DEFAULTS, CLI_USAGE, type CliConfig, CliUsageError, parseCliConfig } from './cli-config.js';
export {
  DEFAULT_REGION,
  LOCAL_ACCOUNT_ID,
  type LocalEndpoints,
  type LocalStack,
  type LocalStackOptions,
  type LocalStackPorts,
  startLocalStack,
} from './local-stack.js';
export { PortInUseError } from './service-listening.js';
export { StackStateError } from './stack-state.js';
