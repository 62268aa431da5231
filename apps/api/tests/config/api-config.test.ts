import { describe, expect, it } from 'vitest';
import { loadApiConfig, loadTriggerConfig } from '../../src/config/api-config.js';
import { ConfigurationError } from '../../src/errors/api-error.js';

const valid = { TABLE_NAME: 'gatehouse-notes', STAGE: 'dev', CORS_ALLOWED_ORIGINS: 'http://localhost:5173' };

describe('loadApiConfig', () => {
  it('reads a complete environment with defaults for the optional variables', () => {
    expect(loadApiConfig(valid)).toEqual({
      tableName: 'gatehouse-notes',
      stage: 'dev',
      corsAllowedOrigins: ['http://localhost:5173'],
      logLevel: 'INFO',
      serviceName: 'gatehouse-api',
      devMode: false,
    });
  });

  it('splits and trims the CORS origins and accepts * ', () => {
    const config = loadApiConfig({
      ...valid,
      CORS_ALLOWED_ORIGINS: ' https://a.example.com , https://b.example.com:8443 ',
    });
    expect(config.corsAllowedOrigins).toEqual(['https://a.example.com', 'https://b.example.com:8443']);
    expect(loadApiConfig({ ...valid, CORS_ALLOWED_ORIGINS: '*' }).corsAllowedOrigins).toEqual(['*']);
  });

  it('reads the log level case-insensitively and the development mode flag', () => {
    const config = loadApiConfig({
      ...valid,
      LOG_LEVEL: 'debug',
      API_DEV_MODE: 'true',
      POWERTOOLS_SERVICE_NAME: 'x',
    });
    expect(config).toMatchObject({ logLevel: 'DEBUG', devMode: true, serviceName: 'x' });
  });

  it.each([
    ['TABLE_NAME', { ...valid, TABLE_NAME: undefined }],
    ['STAGE', { ...valid, STAGE: undefined }],
    ['CORS_ALLOWED_ORIGINS', { ...valid, CORS_ALLOWED_ORIGINS: undefined }],
    ['TABLE_NAME', { ...valid, TABLE_NAME: 'a b' }],
    ['STAGE', { ...valid, STAGE: 'dev/../prod' }],
    ['CORS_ALLOWED_ORIGINS', { ...valid, CORS_ALLOWED_ORIGINS: 'https://a.example.com/path' }],
    ['CORS_ALLOWED_ORIGINS', { ...valid, CORS_ALLOWED_ORIGINS: ' , ' }],
    ['LOG_LEVEL', { ...valid, LOG_LEVEL: 'verbose' }],
    ['API_DEV_MODE', { ...valid, API_DEV_MODE: 'yes' }],
  ])('fails naming %s when it is missing or invalid', (name, env) => {
    expect(() => loadApiConfig(env)).toThrow(ConfigurationError);
    expect(() => loadApiConfig(env)).toThrow(name);
  });

  it('names every invalid variable at once', () => {
    expect(() => loadApiConfig({})).toThrow(/TABLE_NAME.*STAGE.*CORS_ALLOWED_ORIGINS/);
  });
});

describe('loadTriggerConfig', () => {
  it('needs no variables', () => {
    expect(loadTriggerConfig({})).toEqual({
      logLevel: 'INFO',
      serviceName: 'gatehouse-pre-token-generation',
    });
  });

  it('refuses an unknown log level', () => {
    expect(() => loadTriggerConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });
});
