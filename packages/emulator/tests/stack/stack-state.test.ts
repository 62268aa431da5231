import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/stack/atomic-file.js';
import { StackState } from '../../src/stack/stack-state.js';
import { lockStateDir } from '../../src/stack/state-dir-lock.js';

const root = mkdtempSync(join(tmpdir(), 'gatehouse-state-'));
let n = 0;
function dir(): string {
  const d = join(root, String(n++));
  mkdirSync(d);
  return d;
}

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('StackState', () => {
  it('keeps physical ids between loads', () => {
    const d = dir();
    const state = StackState.load(d);
    state.set('App', 'Table', {
      type: 'AWS::DynamoDB::Table',
      physicalId: 'App-Table-X',
      attributes: { Arn: 'a' },
    });
    state.save();
    const again = StackState.load(d);
    expect(again.get('App', 'Table', 'AWS::DynamoDB::Table')).toEqual({
      type: 'AWS::DynamoDB::Table',
      physicalId: 'App-Table-X',
      attributes: { Arn: 'a' },
    });
    // A logical id reused for another type is another resource.
    expect(again.get('App', 'Table', 'AWS::SQS::Queue')).toBeUndefined();
  });

  it.each([
    ['not JSON', '{', 'is not valid JSON; start with --reset'],
    ['of another shape', '{"version":1,"stacks":[]}', 'is not a stack state file this version can read'],
    [
      'from a newer version',
      '{"version":99,"stacks":{}}',
      'was written by a newer version of the emulator (state version 99',
    ],
  ])('explains a state file %s', (_name, content, message) => {
    const d = dir();
    writeFileSync(join(d, 'stack-state.json'), content);
    expect(() => StackState.load(d)).toThrow(message);
  });
});

describe('writeFileAtomic', () => {
  it('replaces the file whole and leaves no temporary file', () => {
    const d = dir();
    const file = join(d, 'outputs.json');
    writeFileAtomic(file, 'one');
    writeFileAtomic(file, 'two');
    expect(readFileSync(file, 'utf8')).toBe('two');
    expect(readdirSync(d)).toEqual(['outputs.json']);
  });
});

describe('lockStateDir', () => {
  it('refuses a second stack on a directory held by a running process, and frees it on release', () => {
    const d = dir();
    // The parent process is alive for the whole test: it stands for another running stack.
    writeFileSync(join(d, '.lock'), `${process.ppid}\n`);
    expect(() => lockStateDir(d)).toThrow(`is in use by another local stack (process ${process.ppid})`);
    rmSync(join(d, '.lock'));
    const release = lockStateDir(d);
    expect(readFileSync(join(d, '.lock'), 'utf8')).toBe(`${process.pid}\n`);
    release();
    expect(readdirSync(d)).toEqual([]);
  });

  it('takes over a lock left by a process that no longer runs', () => {
    const d = dir();
    writeFileSync(join(d, '.lock'), '999999999\n');
    const release = lockStateDir(d);
    expect(readFileSync(join(d, '.lock'), 'utf8')).toBe(`${process.pid}\n`);
    release();
  });
});
