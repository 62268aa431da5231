import { Logger } from '@aws-lambda-powertools/logger';
import { vi } from 'vitest';

/** A Powertools logger whose JSON lines are collected instead of printed. */
export function capturedLogger(): {
  logger: Logger;
  lines: () => Record<string, unknown>[];
  text: () => string;
} {
  const logger = new Logger({ serviceName: 'gatehouse-api-test', logLevel: 'DEBUG' });
  const chunks: string[] = [];
  // Powertools writes through a Console bound to process.stdout/stderr; catching the writes keeps the
  // logger itself real.
  const capture = (chunk: unknown) => {
    chunks.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  const text = () => chunks.join('');
  const lines = () =>
    text()
      .split('\n')
      .filter((l) => l.trim().startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { logger, lines, text };
}
