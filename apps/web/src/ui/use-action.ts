import { useCallback, useRef, useState } from 'react';
import { describeError, type ErrorView } from './describe-error.js';

/** A form action's state: running, and the error it ended with. */
export interface Action<A extends unknown[]> {
  readonly pending: boolean;
  readonly error: ErrorView | undefined;
  /** Runs the action; resolves `true` when it succeeded. Errors are kept in `error`, never thrown. */
  run(...args: A): Promise<boolean>;
  setError(error: ErrorView | undefined): void;
}

/** Wraps an async action with the pending flag and error view every form needs; one run at a time. */
export function useAction<A extends unknown[]>(action: (...args: A) => Promise<unknown>): Action<A> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ErrorView | undefined>(undefined);
  const running = useRef(false);
  const latest = useRef(action);
  latest.current = action;
  const run = useCallback(async (...args: A) => {
    if (running.current) return false;
    running.current = true;
    setPending(true);
    setError(undefined);
    try {
      await latest.current(...args);
      return true;
    } catch (caught) {
      setError(describeError(caught));
      return false;
    } finally {
      running.current = false;
      setPending(false);
    }
  }, []);
  return { pending, error, run, setError };
}
