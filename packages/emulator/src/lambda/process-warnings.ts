import type { EmulatorLogger } from '../logger.js';

/** Distinct warnings remembered so each is shown once; past this many, the memory starts afresh. */
const MAX_REMEMBERED = 100;
/** The longest warning text kept or shown: a function can emit any warning, and a line is for reading. */
const MAX_WARNING_CHARS = 500;
/** Warnings already shown by this process: the stack's own and those of every function instance it runs. */
const shown = new Set<string>();

/**
 * Shows a warning (`process.emitWarning`'s name and message) on one line through `log`, unless the same one was
 * shown already in this process. The AWS SDK emits its Node version notice, nine lines long, once in the stack's
 * own process and once in every Lambda instance; it is printed once.
 */
export function showWarningOnce(log: EmulatorLogger, name: string, message: string, prefix = ''): void {
  const key = `${name}\n${message}`.slice(0, MAX_WARNING_CHARS);
  if (shown.has(key)) return;
  if (shown.size >= MAX_REMEMBERED) shown.clear();
  shown.add(key);
  log.warn(`${prefix}${oneLine(name, message)}`);
}

/** Sends this process's warnings to {@link showWarningOnce} instead of Node's several-line printout. */
export function captureProcessWarnings(log: EmulatorLogger): void {
  process.removeAllListeners('warning');
  process.on('warning', (warning) => showWarningOnce(log, warning.name, warning.message));
}

/**
 * A warning as one line: its first paragraph with the line breaks folded (the first paragraph of the SDK's
 * notice says all that matters here). The name is left out when the message starts with its own
 * (`NodeVersionSupportWarning: …` arrives as a plain `Warning`).
 */
export function oneLine(name: string, message: string): string {
  const first = message.split(/\n\s*\n/)[0] ?? message;
  const text = first.replace(/\s*\n\s*/g, ' ').trim();
  const line = /^\w+: /.test(text) ? text : `${name}: ${text}`;
  return line.length > MAX_WARNING_CHARS ? `${line.slice(0, MAX_WARNING_CHARS)}…` : line;
}
