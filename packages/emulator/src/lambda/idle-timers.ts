/**
 * How long an instance may sit idle before it is ended. AWS reclaims an execution environment some minutes after
 * its last invocation (it documents no figure; environments are commonly seen to live 5 to 15 minutes idle), so
 * a burst does not keep its environments for good. Five minutes keeps the instances of someone clicking through
 * the app warm, and gives back the threads (and their heaps) a burst started soon after it ends.
 */
export const DEFAULT_IDLE_TIMEOUT_MS = 5 * 60_000;

/** Schedules the retirement of idle instances; replaceable so tests can move time on themselves. */
export interface IdleTimers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const NODE_TIMERS: IdleTimers = {
  // Unref'd: a warm instance waiting to be retired never keeps the process alive.
  set: (callback, ms) => setTimeout(callback, ms).unref(),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
