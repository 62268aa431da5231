import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  childLogger,
  createConsoleLogger,
  createMemoryLogger,
  MEMORY_LOGGER_MAX_ENTRIES,
  terminalSafe,
} from '../src/logger.js';

describe('terminalSafe', () => {
  it.each([
    [
      'an OSC 52 clipboard write',
      'a\u001b]52;c;ZWNobyBoaQ==\u0007@x.example',
      'a\\x1b]52;c;ZWNobyBoaQ==\\x07@x.example',
    ],
    ['a window title', '\u001b]0;owned\u0007', '\\x1b]0;owned\\x07'],
    ['a carriage return that overwrites the line', 'code 111111\rcode 222222', 'code 111111\\x0dcode 222222'],
    ['a cursor movement', 'x\u001b[2Ay', 'x\\x1b[2Ay'],
    ['a C1 CSI', 'x\u009b2Jy', 'x\\x9b2Jy'],
    ['DEL and NUL', 'a\u007fb\u0000c', 'a\\x7fb\\x00c'],
  ])('writes out %s', (_name, input, shown) => {
    expect(terminalSafe(input)).toBe(shown);
  });

  it('keeps colour sequences, tabs, line feeds and letters of every script', () => {
    const text = '\u001b[36mApiFunction\u001b[39m\tnote «Ünïcode» 日本\nnext';
    expect(terminalSafe(text)).toBe(text);
  });
});

describe('createConsoleLogger', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('writes control characters of a line out instead of sending them to the terminal', () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const log = createConsoleLogger('gatehouse');

    log.info('[outbox] SignUp to a\u001b]52;c;cm0gLXJmIH4=\u0007@x.example: code 123456');
    log.warn('w\u001b[2J');
    log.error('e\r');

    expect(out).toHaveBeenCalledWith(
      '[gatehouse] [outbox] SignUp to a\\x1b]52;c;cm0gLXJmIH4=\\x07@x.example: code 123456\n',
    );
    expect(err).toHaveBeenCalledWith('[gatehouse] warning: w\\x1b[2J\n');
    expect(err).toHaveBeenCalledWith('[gatehouse] error: e\\x0d\n');
  });
});

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
