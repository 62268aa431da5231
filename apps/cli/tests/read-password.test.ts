import { describe, expect, it } from 'vitest';
import { CliUsageError } from '../src/cli-error.js';
import { readPassword } from '../src/read-password.js';

const noStdin = () => Promise.reject(new Error('stdin must not be read'));

describe('readPassword', () => {
  it('reads GATEHOUSE_PASSWORD', async () => {
    expect(await readPassword(false, { GATEHOUSE_PASSWORD: 'secret-1' }, noStdin)).toBe('secret-1');
  });

  it('reads one line from stdin with --password-stdin, without its newline', async () => {
    expect(await readPassword(true, { GATEHOUSE_PASSWORD: 'not this' }, async () => 'secret-2\n')).toBe(
      'secret-2',
    );
  });

  it.each([
    { fromStdin: false, env: {}, stdin: noStdin, message: 'set GATEHOUSE_PASSWORD or pass --password-stdin' },
    { fromStdin: false, env: { GATEHOUSE_PASSWORD: '' }, stdin: noStdin, message: 'set GATEHOUSE_PASSWORD' },
    { fromStdin: true, env: {}, stdin: async () => '\n', message: 'stdin held no password' },
  ])(
    'says how to give a password when there is none (stdin: $fromStdin)',
    async ({ fromStdin, env, stdin }) => {
      const error = await readPassword(fromStdin, env, stdin).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CliUsageError);
      expect(error).toMatchObject({ code: 'PASSWORD_MISSING' });
    },
  );
});
