import { NotAuthorizedError, ValidationError } from '@org/client';
import { describe, expect, it } from 'vitest';
import { CliUsageError } from '../src/cli-error.js';
import { errorLine, runCli } from '../src/run-cli.js';

function io(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      stdout: (t: string) => out.push(t),
      stderr: (t: string) => err.push(t),
      readStdin: async () => '',
      cwd: '/',
      env,
    },
  };
}

describe('errorLine', () => {
  it.each([
    {
      error: new NotAuthorizedError('NotAuthorizedException', 'Incorrect username or password.'),
      line: 'NOT_AUTHORIZED: Incorrect username or password.',
    },
    { error: new CliUsageError('no password', 'PASSWORD_MISSING'), line: 'PASSWORD_MISSING: no password' },
    { error: new Error('two\n  lines'), line: 'UNEXPECTED: two lines' },
    {
      error: new ValidationError(400, {
        error: 'BadRequest',
        message: 'Invalid request',
        requestId: 'r1',
        details: [{ path: 'body.title', reason: 'must not be empty' }],
      }),
      line: 'VALIDATION: Invalid request (body.title: must not be empty)',
    },
  ])('is "$line"', ({ error, line }) => {
    expect(errorLine(error)).toBe(line);
  });
});

describe('runCli', () => {
  it('prints help on stdout and exits 0', async () => {
    const { out, err, io: cliIo } = io();
    expect(await runCli(['--help'], cliIo)).toBe(0);
    expect(out.join('')).toContain('notes create');
    expect(err).toEqual([]);
  });

  it('prints one line and exits 2 on a usage error', async () => {
    const { out, err, io: cliIo } = io();
    expect(await runCli(['signin'], cliIo)).toBe(2);
    expect(out).toEqual([]);
    expect(err).toEqual(['USAGE: signin needs --email (see `signin --help`)\n']);
  });

  it('prints one line and exits 1 when there is no stack to talk to', async () => {
    const { err, io: cliIo } = io();
    expect(await runCli(['whoami'], cliIo)).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^CONFIG_INVALID: No local stack found: looked for .* in \/ /);
  });
});
