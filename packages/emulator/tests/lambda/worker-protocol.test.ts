import { describe, expect, it } from 'vitest';
import { MAX_LOG_LINE_CHARS, splitLines } from '../../src/lambda/worker-protocol.js';

describe('splitLines', () => {
  it.each<[string, string, string[], string]>([
    ['whole lines', 'a\nb\n', ['a', 'b'], ''],
    ['an unfinished line, kept for the next text', 'a\nb', ['a'], 'b'],
    ['empty lines', '\n\n', ['', ''], ''],
    ['no newline', 'abc', [], 'abc'],
  ])('hands on %s', (_name, text, lines, rest) => {
    const emitted: string[] = [];
    expect(splitLines(text, (line) => emitted.push(line))).toBe(rest);
    expect(emitted).toEqual(lines);
  });

  it('cuts a line that never ends into pieces of the longest line, keeping the short rest', () => {
    const emitted: string[] = [];
    const rest = splitLines('x'.repeat(MAX_LOG_LINE_CHARS * 2 + 3), (line) => emitted.push(line));
    expect(emitted.map((line) => line.length)).toEqual([MAX_LOG_LINE_CHARS, MAX_LOG_LINE_CHARS]);
    expect(rest).toBe('xxx');
  });

  it('joins the rest of earlier text to the next, as its callers pass it', () => {
    const emitted: string[] = [];
    const rest = splitLines('hel', (line) => emitted.push(line));
    splitLines(`${rest}lo\n`, (line) => emitted.push(line));
    expect(emitted).toEqual(['hello']);
  });
});
