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
 * Characters that drive a terminal rather than print: C0 controls other than tab and line feed, DEL, the C1
 * controls (U+009B is CSI on its own), and ESC unless it starts a colour sequence (`ESC [ … m`, which the dev
 * console paints with).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const TERMINAL_CONTROL = /\u001b(?!\[[0-9;]*m)|[\u0000-\u0008\u000b-\u001a\u001c-\u001f\u007f-\u009f]/g;

/**
 * A line as the terminal should show it: control characters written out as `\xNN`. Log lines carry what
 * callers sent (an email address in the outbox line, a note a function logs): an escape sequence there
 * could retitle the terminal, write the clipboard (OSC 52), or with a carriage return overwrite the line
 * shown, and a web page can send such input to the public operations.
 */
export function terminalSafe(text: string): string {
  return text.replace(TERMINAL_CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * A logger that writes to stdout (info) and stderr (warn, error), each line prefixed with `[prefix]` when
 * one is given, with control characters made visible (see {@link terminalSafe}).
 */
export function createConsoleLogger(prefix?: string): EmulatorLogger {
  const tag = prefix === undefined ? '' : `[${prefix}] `;
  return {
    info: (msg) => process.stdout.write(`${tag}${terminalSafe(msg)}\n`),
    warn: (msg) => process.stderr.write(`${tag}warning: ${terminalSafe(msg)}\n`),
    error: (msg) => process.stderr.write(`${tag}error: ${terminalSafe(msg)}\n`),
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
