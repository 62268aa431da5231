import { watch } from 'node:fs';

/**
 * Calls `onChange` (debounced) when `cdk synth` rewrites the assembly's manifest or a template. Synth writes
 * several files in a row, so the change is acted on once the folder has been quiet for a moment.
 */
export function watchAssembly(dir: string, onChange: () => void): { close(): void } {
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(dir, (_event, file) => {
    if (file !== null && file !== 'manifest.json' && !file.endsWith('.template.json')) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, 400);
  });
  watcher.on('error', () => {
    // The folder went away mid-synth; the next start will read it again.
  });
  return {
    close: () => {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
