import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InfraError, MissingAssetError } from '../../src/errors/infra-error.js';
import { apiAssetsIn, assertApiAssets } from '../../src/functions/api-assets.js';
import { FIXTURE_ASSETS } from '../support/synth-stack.js';

describe('api assets', () => {
  const temporary: string[] = [];
  afterEach(() => {
    for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('finds the bundle folders the api build writes under dist', () => {
    expect(apiAssetsIn('/repo/apps/api/dist')).toEqual({
      handler: join('/repo/apps/api/dist', 'handler'),
      preTokenGeneration: join('/repo/apps/api/dist', 'pre-token-generation'),
    });
  });

  it('accepts folders that hold index.mjs', () => {
    expect(() => assertApiAssets(FIXTURE_ASSETS)).not.toThrow();
  });

  it('names every missing bundle and says how to build it', () => {
    const dist = mkdtempSync(join(tmpdir(), 'gatehouse-infra-'));
    temporary.push(dist);
    mkdirSync(join(dist, 'handler'));
    writeFileSync(join(dist, 'handler', 'index.mjs'), 'export const handler = async () => ({});\n');
    const assets = apiAssetsIn(dist);
    const error = (() => {
      try {
        assertApiAssets(assets);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(MissingAssetError);
    expect(error).toBeInstanceOf(InfraError);
    expect((error as Error).message).toBe(
      `Api bundle not found: ${join(dist, 'pre-token-generation', 'index.mjs')}. Build it first: pnpm --filter @org/api build (or pnpm synth, which builds it)`,
    );
  });
});
