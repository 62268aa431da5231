/**
 * Where every part of the emulator writes what it does. Parts never call `console` directly, so the CLI
 * decides the format and tests can capture or silence the output.
 *
 * Never pass tokens, passwords, secrets or refresh tokens to a logger.
 */
export interface EmulatorLogger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

/**
 * A logger that writes to stdout (info) and stderr (warn, error), each line prefixed with `[prefix]` when
 * one is given.
 */
export function createConsoleLogger(prefix?: string): EmulatorLogger {
  const tag = prefix === undefined ? '' : `[${prefix}] `;
  return {
    info: (msg) => process.stdout.write(`${tag}${msg}\n`),
    warn: (msg) => process.stderr.write(`${tag}warning: ${msg}\n`),
    error: (msg) => process.stderr.write(`${tag}error: ${msg}\n`),
  };
}

/** A logger that drops everything (tests that only care about behaviour). */
export const silentLogger: EmulatorLogger = {
  info: () => {},
  warn: () => {},
  error: () => {},
};

/** One captured log line. */
export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  msg: string;
}

/** Lines a memory logger keeps by default. */
export const MEMORY_LOGGER_MAX_ENTRIES = 10_000;

/**
 * A logger that keeps the lines in `entries`, for tests that assert on what was logged: the most recent
 * `maxEntries`, so a long run that logs every request keeps its memory flat.
 */
export function createMemoryLogger(
  maxEntries = MEMORY_LOGGER_MAX_ENTRIES,
): EmulatorLogger & { readonly entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const keep = (entry: LogEntry) => {
    entries.push(entry);
    if (entries.length > maxEntries) entries.shift();
  };
  return {
    entries,
    info: (msg) => keep({ level: 'info', msg }),
    warn: (msg) => keep({ level: 'warn', msg }),
    error: (msg) => keep({ level: 'error', msg }),
  };
}

/** A logger that writes through `parent` with `[child]` added in front of each line. */
export function childLogger(parent: EmulatorLogger, child: string): EmulatorLogger {
  return {
    info: (msg) => parent.info(`[${child}] ${msg}`),
    warn: (msg) => parent.warn(`[${child}] ${msg}`),
    error: (msg) => parent.error(`[${child}] ${msg}`),
  };
}
