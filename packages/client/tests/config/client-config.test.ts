import { describe, expect, it } from 'vitest';
import { parseClientConfig } from '../../src/config/client-config.js';
import { ConfigError } from '../../src/errors/client-error.js';

const valid = {
  apiUrl: 'https://abc.execute-api.us-east-1.amazonaws.com/prod/',
  userPoolId: 'us-east-1_AbC123xyz',
  clientId: 'client123',
  region: 'us-east-1',
};

describe('parseClientConfig', () => {
  it('accepts a config with and without a Cognito endpoint', () => {
    expect(parseClientConfig(valid)).toEqual(valid);
    expect(parseClientConfig({ ...valid, cognitoEndpoint: 'http://127.0.0.1:9229/' }).cognitoEndpoint).toBe(
      'http://127.0.0.1:9229/',
    );
  });

  it.each([
    [{ ...valid, clientId: undefined }, 'clientId is missing'],
    [{ ...valid, apiUrl: 'not a url' }, 'apiUrl'],
    [{ ...valid, userPoolId: 'pool' }, 'userPoolId must be a Cognito user pool id'],
    [{ ...valid, region: 'Mars' }, 'region must be an AWS region'],
    [{ ...valid, cognitoEndpoint: 'x' }, 'cognitoEndpoint'],
  ])('names the field that is wrong (%#)', (config, message) => {
    expect(() => parseClientConfig(config)).toThrow(ConfigError);
    expect(() => parseClientConfig(config)).toThrow(message);
  });
});
