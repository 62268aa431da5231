import { describe, expect, it } from 'vitest';
import { oneLine, showWarningOnce } from '../../src/lambda/process-warnings.js';
import { createMemoryLogger } from '../../src/logger.js';

const SDK_NOTICE = `NodeVersionSupportWarning: The AWS SDK for JavaScript (v3)
versions published after the first week of January 2027
will require node >=22. You are running node v20.20.2.

To continue receiving updates to AWS services, bug fixes,
and security updates please upgrade to node >=22.

More information can be found at: https://a.co/c895JFp`;

describe('oneLine', () => {
  it.each([
    [
      'Warning',
      SDK_NOTICE,
      'NodeVersionSupportWarning: The AWS SDK for JavaScript (v3) versions published after the first week of January 2027 will require node >=22. You are running node v20.20.2.',
    ],
    ['DeprecationWarning', 'Buffer() is deprecated', 'DeprecationWarning: Buffer() is deprecated'],
  ])('folds a %s into one line', (name, message, expected) => {
    expect(oneLine(name, message)).toBe(expected);
  });
});

describe('showWarningOnce', () => {
  it('shows the same warning once, whichever instance emits it', () => {
    const log = createMemoryLogger();
    const message = `${SDK_NOTICE} (${Math.random()})`;
    showWarningOnce(log, 'Warning', message);
    showWarningOnce(log, 'Warning', message, '[fn-a] ');
    showWarningOnce(log, 'Warning', message, '[fn-b] ');
    showWarningOnce(log, 'Warning', 'something else');
    expect(log.entries.map((e) => e.msg)).toEqual([
      'NodeVersionSupportWarning: The AWS SDK for JavaScript (v3) versions published after the first week of January 2027 will require node >=22. You are running node v20.20.2.',
      'Warning: something else',
    ]);
  });

  it('shortens a huge warning to one readable line', () => {
    const log = createMemoryLogger();
    showWarningOnce(log, 'Warning', `Huge: ${'x'.repeat(1_000_000)}`);
    expect(log.entries[0]?.msg.length).toBeLessThanOrEqual(501);
    expect(log.entries[0]?.msg.startsWith('Huge: xxx')).toBe(true);
  });
});
