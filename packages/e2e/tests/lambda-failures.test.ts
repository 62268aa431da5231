import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMemoryLogger, type LocalStack, startLocalStack } from '@org/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A small cloud assembly (fixtures/failing-lambda) whose functions throw, exit, hang or answer garbage on
// request, so the real app does not need a failure mode: what the gateway answers, and that it keeps serving.
const FIXTURE = fileURLToPath(new URL('../fixtures/failing-lambda', import.meta.url));

let stack: LocalStack;
let stateDir: string;
let apiUrl: string;
const log = createMemoryLogger();

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'gatehouse-e2e-failures-'));
  stack = await startLocalStack({
    assemblyDir: FIXTURE,
    stateDir,
    ports: { cognito: 0, apigateway: 0, dynamodb: 0 },
    log,
  });
  apiUrl = stack.outputs.GatewayFailures!.ApiUrl!;
});
afterAll(async () => {
  await stack?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

async function get(path: string) {
  const res = await fetch(`${apiUrl}${path}`);
  return { status: res.status, text: await res.text() };
}

describe('a Lambda that fails', () => {
  it.each([
    ['throws', 'flaky?mode=throw'],
    ['exits its process', 'flaky?mode=exit'],
    ['returns a malformed proxy result', 'flaky?mode=malformed'],
    ['runs past its own Timeout (shorter than the integration timeout)', 'flaky?mode=hang'],
  ])('%s: 502 Internal server error, and the next request succeeds', async (_name, path) => {
    const failed = await get(path);
    expect(failed.status).toBe(502);
    expect(failed.text).toBe('{"message": "Internal server error"}');
    const next = await get('flaky');
    expect(next.status).toBe(200);
    expect(JSON.parse(next.text)).toMatchObject({ ok: true });
  });

  it('runs past the integration timeout: 504, and the next request succeeds', async () => {
    const failed = await get('slow?mode=hang');
    expect(failed.status).toBe(504);
    expect(failed.text).toBe('{"message":"Endpoint request timed out"}');
    const next = await get('slow');
    expect(next.status).toBe(200);
  });

  it('logs each failure with its cause', () => {
    const errors = log.entries.filter((e) => e.level === 'error').map((e) => e.msg);
    expect(errors.some((m) => /thrown on purpose/.test(m))).toBe(true);
    expect(errors.some((m) => /malformed Lambda proxy response/.test(m))).toBe(true);
    expect(errors.some((m) => /integration timed out after 10000 ms/.test(m))).toBe(true);
  });
});
