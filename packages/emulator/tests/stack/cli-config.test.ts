import { describe, expect, it } from 'vitest';
import { CLI_USAGE, parseCliConfig } from '../../src/stack/cli-config.js';

describe('parseCliConfig', () => {
  it('uses the defaults written in --help', () => {
    expect(parseCliConfig(['start', '--assembly', 'infra/cdk.out'], {})).toEqual({
      command: 'start',
      assemblyDir: 'infra/cdk.out',
      stateDir: '.local',
      cognitoPort: 9229,
      authPort: 9230,
      apiPort: 3000,
      dynamodbPort: 8000,
      host: '127.0.0.1',
      issuer: 'aws',
      logFormat: 'pretty',
      reset: false,
      watch: false,
    });
    for (const text of [
      'default .local',
      'default 9229',
      'default 9230',
      'default 3000',
      'default 8000',
      'default 127.0.0.1',
      'default pretty',
    ]) {
      expect(CLI_USAGE).toContain(text);
    }
  });

  it('takes environment variables over defaults and flags over environment variables', () => {
    const env = {
      GATEHOUSE_STATE_DIR: '/tmp/env-state',
      GATEHOUSE_COGNITO_PORT: '1111',
      GATEHOUSE_AUTH_PORT: '1112',
      GATEHOUSE_API_PORT: '2222',
      GATEHOUSE_DYNAMODB_PORT: '3333',
    };
    expect(parseCliConfig(['start', '--assembly', 'a'], env)).toMatchObject({
      stateDir: '/tmp/env-state',
      cognitoPort: 1111,
      authPort: 1112,
      apiPort: 2222,
      dynamodbPort: 3333,
    });
    expect(
      parseCliConfig(
        [
          'start',
          '--assembly',
          'a',
          '--state-dir',
          's',
          '--cognito-port',
          '0',
          '--auth-port',
          '6',
          '--api-port',
          '4',
          '--dynamodb-port',
          '5',
          '--reset',
          '--watch',
        ],
        env,
      ),
    ).toMatchObject({
      stateDir: 's',
      cognitoPort: 0,
      authPort: 6,
      apiPort: 4,
      dynamodbPort: 5,
      reset: true,
      watch: true,
    });
  });

  it.each([
    [[], {}, 'pretty'],
    [[], { GATEHOUSE_LOG_FORMAT: 'json' }, 'json'],
    [['--log-format', 'json'], {}, 'json'],
    [['--log-format', 'pretty'], { GATEHOUSE_LOG_FORMAT: 'json' }, 'pretty'],
  ])('reads the log format from %j and %j as %s', (flags, env, logFormat) => {
    expect(parseCliConfig(['start', '--assembly', 'a', ...flags], env)).toMatchObject({ logFormat });
  });

  it('turns on strict mode when both local credentials are in the environment', () => {
    const env = { GATEHOUSE_AWS_ACCESS_KEY_ID: 'LOCALKEY', GATEHOUSE_AWS_SECRET_ACCESS_KEY: 'local-secret' };
    expect(parseCliConfig(['start', '--assembly', 'a'], env)).toMatchObject({
      credentials: { accessKeyId: 'LOCALKEY', secretAccessKey: 'local-secret' },
    });
    expect(parseCliConfig(['start', '--assembly', 'a'], {})).not.toHaveProperty('credentials');
    for (const text of ['GATEHOUSE_AWS_ACCESS_KEY_ID', 'GATEHOUSE_AWS_SECRET_ACCESS_KEY', 'default unset']) {
      expect(CLI_USAGE).toContain(text);
    }
  });

  it.each([
    [{ GATEHOUSE_AWS_ACCESS_KEY_ID: 'LOCALKEY' }, 'must be set together'],
    [{ GATEHOUSE_AWS_SECRET_ACCESS_KEY: 'local-secret' }, 'must be set together'],
    [
      { GATEHOUSE_AWS_ACCESS_KEY_ID: 'LOCALKEY', GATEHOUSE_AWS_SECRET_ACCESS_KEY: '' },
      'must be set together',
    ],
    [
      { GATEHOUSE_AWS_ACCESS_KEY_ID: 'a/b', GATEHOUSE_AWS_SECRET_ACCESS_KEY: 'local-secret' },
      'GATEHOUSE_AWS_ACCESS_KEY_ID must be 1 to 128 letters, digits, _ or -',
    ],
  ])('refuses local credentials %j without repeating the secret', (env, message) => {
    expect(() => parseCliConfig(['start', '--assembly', 'a'], env)).toThrow(message);
    try {
      parseCliConfig(['start', '--assembly', 'a'], env);
    } catch (err) {
      expect(String(err)).not.toContain('local-secret');
    }
  });

  it.each([[['--help']], [['-h']], [[]]])('returns help for %j', (argv) => {
    expect(parseCliConfig(argv, {})).toBe('help');
  });

  it.each([
    [['start'], {}, '--assembly <cdk.out> is required'],
    [['deploy', '--assembly', 'a'], {}, 'the only command is "start"'],
    [
      ['start', '--assembly', 'a', '--api-port', 'abc'],
      {},
      '--api-port / GATEHOUSE_API_PORT must be a port number',
    ],
    [['start', '--assembly', 'a'], { GATEHOUSE_DYNAMODB_PORT: '70000' }, 'must be between 0 and 65535'],
    [['start', '--assembly', 'a', '--issuer', 'google'], {}, '--issuer must be aws or local'],
    [['start', '--assembly', 'a', '--nope'], {}, "Unknown option '--nope'"],
    [
      ['start', '--assembly', 'a', '--log-format', 'yaml'],
      {},
      '--log-format / GATEHOUSE_LOG_FORMAT must be pretty or json',
    ],
  ])('refuses %j %j with a message naming the problem', (argv, env, message) => {
    expect(() => parseCliConfig(argv, env)).toThrow(message);
  });
});
