import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { proxyEvent } from '../support/proxy-event.js';

const saved = { ...process.env };

beforeEach(() => {
  vi.resetModules();
});

afterEach(() => {
  process.env = { ...saved };
  vi.restoreAllMocks();
});

describe('the Lambda entry points', () => {
  it('fails at cold start naming each missing variable', async () => {
    delete process.env.TABLE_NAME;
    delete process.env.STAGE;
    process.env.CORS_ALLOWED_ORIGINS = '*';
    await expect(import('../../src/entries/handler.js')).rejects.toThrow(/TABLE_NAME.*STAGE/);
  });

  it('exports a handler that serves the health route once configured', async () => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    Object.assign(process.env, {
      TABLE_NAME: 'gatehouse-notes',
      STAGE: 'dev',
      CORS_ALLOWED_ORIGINS: '*',
      AWS_REGION: 'us-east-1',
    });
    const { handler } = await import('../../src/entries/handler.js');
    const response = await handler(proxyEvent({ method: 'GET', path: '/health' }));
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({
      status: 'ok',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
  });

  it('exports the trigger handler', async () => {
    const { handler } = await import('../../src/entries/pre-token-generation.js');
    expect(typeof handler).toBe('function');
  });
});
