import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MissingAssetError } from '../errors/infra-error.js';

/** The file the web app's build folder must hold. */
export const WEB_ENTRY = 'index.html';

/**
 * Checks that the web app's build folder (`apps/web/dist`) holds its entry page, so a missing build is reported
 * as such rather than as an empty site.
 *
 * @throws MissingAssetError naming the missing file.
 */
export function assertWebAssets(distDir: string): void {
  const entry = join(distDir, WEB_ENTRY);
  if (!existsSync(entry)) {
    throw new MissingAssetError(
      `Web app build not found: ${entry}. Build it first: pnpm --filter @org/web build (or pnpm synth, which builds it)`,
    );
  }
}
