import { useEffect, useState } from 'react';
import { type Action, useAction } from './use-action.js';

/** What a page that shows one answer holds: the answer once loaded, and the loading action's state. */
export interface Loaded<T> {
  readonly value: T | undefined;
  readonly load: Action<[]>;
}

/**
 * Loads one answer when the page opens (the profile, the statistics), with the pending flag and error view of
 * {@link useAction}.
 */
export function useLoaded<T>(fetch: () => Promise<T>): Loaded<T> {
  const [value, setValue] = useState<T | undefined>(undefined);
  const load = useAction(async () => setValue(await fetch()));
  const { run } = load;
  useEffect(() => {
    void run();
  }, [run]);
  return { value, load };
}
