import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MissingAssetError } from '../errors/infra-error.js';

/** The file each api bundle folder must hold; it exports `handler`, so the Lambda handler is `index.handler`. */
export const API_BUNDLE_ENTRY = 'index.mjs';

/** The Lambda handler string of every api bundle. */
export const API_BUNDLE_HANDLER = 'index.handler';

/** Folders holding the api's built bundles, deployed as they are with `Code.fromAsset` (never re-bundled here). */
export interface ApiAssets {
  /** The REST API handler: `apps/api/dist/handler`. */
  readonly handler: string;
  /** The Cognito pre-token-generation trigger: `apps/api/dist/pre-token-generation`. */
  readonly preTokenGeneration: string;
}

/** The bundle folders under an api `dist` directory, as `@org/api`'s build writes them. */
export function apiAssetsIn(distDir: string): ApiAssets {
  return { handler: join(distDir, 'handler'), preTokenGeneration: join(distDir, 'pre-token-generation') };
}

/**
 * Checks that every bundle folder holds its entry file, so a missing build is reported as such rather than as
 * a Lambda that fails on its first invocation.
 *
 * @throws MissingAssetError naming each missing file.
 */
export function assertApiAssets(assets: ApiAssets): void {
  const missing = Object.values(assets)
    .map((dir) => join(dir, API_BUNDLE_ENTRY))
    .filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new MissingAssetError(
      `Api bundle not found: ${missing.join(', ')}. Build it first: pnpm --filter @org/api build (or pnpm synth, which builds it)`,
    );
  }
}
