import { describe, expect, it } from 'vitest';
import { MissingAssetError } from '../../src/errors/infra-error.js';
import { assertWebAssets } from '../../src/web/web-assets.js';
import { FIXTURE_WEB_DIST } from '../support/synth-stack.js';

describe('assertWebAssets', () => {
  it('accepts a build folder with its index.html', () => {
    expect(() => assertWebAssets(FIXTURE_WEB_DIST)).not.toThrow();
  });

  it('names the missing page and how to build it', () => {
    expect(() => assertWebAssets('/nonexistent/web/dist')).toThrow(MissingAssetError);
    expect(() => assertWebAssets('/nonexistent/web/dist')).toThrow(
      /\/nonexistent\/web\/dist\/index\.html\. Build it first: pnpm --filter @org\/web build/,
    );
  });
});
