import { Logger } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '../config/api-config.js';

/**
 * The structured JSON logger both entry points use. Level and service name come from our parsed
 * configuration rather than from the logger's own environment lookup, so the config object stays the
 * one place that reads settings. (Powertools still honours `AWS_LAMBDA_LOG_LEVEL`, which Lambda's
 * advanced logging controls set; that is deliberate on AWS's side.)
 */
export function createLogger(options: { logLevel: LogLevel; serviceName: string }): Logger {
  return new Logger({ logLevel: options.logLevel, serviceName: options.serviceName });
}
