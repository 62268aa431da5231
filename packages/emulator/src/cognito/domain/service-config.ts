import type { EmulatorLogger } from '../../logger.js';

/** Settings every domain module sees: where the service says it runs, its clock and its log. */
export interface ServiceConfig {
  region: string;
  accountId: string;
  issuer: 'aws' | 'local';
  invokeTrigger?: (functionArn: string, event: Record<string, unknown>) => Promise<unknown>;
  log: EmulatorLogger;
  now: () => number;
}
