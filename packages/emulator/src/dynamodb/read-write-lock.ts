/** Gives the lock back; calling it again does nothing. */
export type Release = () => void;

type Mode = 'shared' | 'exclusive';

interface Waiter {
  mode: Mode;
  grant: () => void;
}

/**
 * A first-come, first-served readers–writer lock. Any number of `shared` holders run together; an
 * `exclusive` holder runs alone. Requests are granted in arrival order, so a queued exclusive request
 * is not starved by a stream of shared ones (a shared request that arrives after it waits too).
 *
 * The local DynamoDB takes it shared for each operation dynalite serves and exclusive for a
 * transaction, which makes every transaction serializable against every other operation.
 */
export class ReadWriteLock {
  #shared = 0;
  #exclusive = false;
  readonly #queue: Waiter[] = [];

  /** Resolves once the lock is held in `mode`. */
  acquire(mode: Mode): Promise<Release> {
    return new Promise((resolve) => {
      const grant = () => resolve(this.#holder(mode));
      if (this.#queue.length === 0 && this.#free(mode)) {
        this.#take(mode);
        grant();
      } else {
        this.#queue.push({ mode, grant });
      }
    });
  }

  /** Runs `task` while holding the lock in `mode`, and releases it however `task` ends. */
  async run<T>(mode: Mode, task: () => Promise<T>): Promise<T> {
    const release = await this.acquire(mode);
    try {
      return await task();
    } finally {
      release();
    }
  }

  #free(mode: Mode): boolean {
    return mode === 'shared' ? !this.#exclusive : !this.#exclusive && this.#shared === 0;
  }

  #take(mode: Mode): void {
    if (mode === 'shared') this.#shared += 1;
    else this.#exclusive = true;
  }

  #holder(mode: Mode): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (mode === 'shared') this.#shared -= 1;
      else this.#exclusive = false;
      this.#drain();
    };
  }

  #drain(): void {
    for (let next = this.#queue[0]; next !== undefined && this.#free(next.mode); next = this.#queue[0]) {
      this.#queue.shift();
      this.#take(next.mode);
      next.grant();
    }
  }
}
