import { defineContract, defineRoute } from '@org/contracts';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createClient } from '../../src/browser.js';
import { ConfigError } from '../../src/errors/client-error.js';
import { testConfig } from '../support/test-client.js';

const route = (name: string) =>
  defineRoute({
    name,
    method: 'GET',
    path: '/x',
    summary: 'x',
    access: { kind: 'public' },
    successStatus: 200,
    responses: { 200: z.object({}) },
  });

describe('createClient', () => {
  it('exposes one method per contract route beside the auth methods', () => {
    const client = createClient(testConfig);

    expect(Object.keys(client.notes).sort()).toEqual(['create', 'delete', 'get', 'list', 'update']);
    expect(typeof client.signIn).toBe('function');
  });

  it('refuses an invalid config, naming the field', () => {
    expect(() => createClient({ ...testConfig, userPoolId: 'nope' })).toThrow(ConfigError);
    expect(() => createClient({ ...testConfig, userPoolId: 'nope' })).toThrow(/userPoolId/);
  });

  it('refuses a contract whose group would hide a client method', () => {
    const contract = defineContract({ signIn: { go: route('signIn.go') } });

    expect(() => createClient(testConfig, { contract })).toThrow(/clash with client methods: signIn/);
  });
});
