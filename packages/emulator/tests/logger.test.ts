import { describe, expect, it } from 'vitest';
import { childLogger, createMemoryLogger, MEMORY_LOGGER_MAX_ENTRIES } from '../src/logger.js';

describe('createMemoryLogger', () => {
  it('keeps at most its limit of lines, the most recent ones', () => {
    const log = createMemoryLogger();
    for (let i = 0; i < MEMORY_LOGGER_MAX_ENTRIES + 100; i++) log.info(`line ${i}`);
    expect(log.entries).toHaveLength(MEMORY_LOGGER_MAX_ENTRIES);
    expect(log.entries.at(-1)).toEqual({ level: 'info', msg: `line ${MEMORY_LOGGER_MAX_ENTRIES + 99}` });
    expect(log.entries[0]).toEqual({ level: 'info', msg: 'line 100' });
  });

  it('keeps every level through a child logger', () => {
    const log = createMemoryLogger(10);
    const child = childLogger(log, 'part');
    child.info('a');
    child.warn('b');
    child.error('c');
    expect(log.entries).toEqual([
      { level: 'info', msg: '[part] a' },
      { level: 'warn', msg: '[part] b' },
      { level: 'error', msg: '[part] c' },
    ]);
  });
});
