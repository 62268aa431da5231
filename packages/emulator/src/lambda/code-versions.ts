import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { LambdaFunctionConfig } from './lambda-function.js';

/**
 * A function's code version: its generation (bumped when the function is registered again) and the handler
 * file's mtime and size. A rebuild changes them, so new instances load the new code.
 */
export function codeVersion(
  config: Pick<LambdaFunctionConfig, 'handler' | 'codeDir'>,
  generation: number,
): string {
  const moduleName = config.handler.slice(0, config.handler.lastIndexOf('.'));
  for (const ext of ['.mjs', '.js', '.cjs']) {
    try {
      const stat = statSync(join(config.codeDir, moduleName + ext));
      return `${generation}-${stat.mtimeMs}-${stat.size}`;
    } catch {
      // Try the next extension; the worker reports a missing module to the caller.
    }
  }
  return `${generation}-missing`;
}

/**
 * Code versions read from disk at most once per turn of the event loop: invocations that arrive together (a
 * burst of requests read in one poll) share one `stat`, while any invocation in a later turn — after a rebuild
 * finished, or after anything was awaited — looks at the file again.
 */
export class CodeVersions<K extends object> {
  readonly #versions = new Map<K, string>();
  #expiring = false;

  /** The code version of the function `key` stands for, read once in this turn. */
  current(key: K, config: Pick<LambdaFunctionConfig, 'handler' | 'codeDir'>, generation: number): string {
    let version = this.#versions.get(key);
    if (version === undefined) {
      version = codeVersion(config, generation);
      this.#versions.set(key, version);
      if (!this.#expiring) {
        this.#expiring = true;
        setImmediate(() => {
          this.#versions.clear();
          this.#expiring = false;
        }).unref();
      }
    }
    return version;
  }

  /** Forgets what was read for `key` (its function was registered again). */
  forget(key: K): void {
    this.#versions.delete(key);
  }
}
