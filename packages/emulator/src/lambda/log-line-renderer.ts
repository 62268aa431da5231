/**
 * Turns what functions print, and what the gateway answered, into short readable console lines: a JSON log
 * record (Powertools' format) becomes `LEVEL message key=value …` (without the keys that only name the function,
 * which the console prints first), a line of Lambda's Node runtime format
 * (`<time>\t<request id>\t<LEVEL>\t<message>`) becomes `LEVEL message`, anything else is left as written.
 */

/** How lines are drawn: with ANSI colours or plain. */
export interface RenderStyle {
  color: boolean;
}

/** What one request line says. */
export interface RequestLine {
  method: string;
  path: string;
  status: number;
  durationMs: number;
  functionName?: string | undefined;
  requestId?: string | undefined;
}

const ANSI = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39],
} as const;
type Paint = keyof typeof ANSI;

function paint(style: RenderStyle, colour: Paint, text: string): string {
  if (!style.color) return text;
  const [open, close] = ANSI[colour];
  return `\u001b[${open}m${text}\u001b[${close}m`;
}

const LEVEL_COLOURS: Record<string, Paint> = {
  TRACE: 'dim',
  DEBUG: 'blue',
  INFO: 'green',
  WARN: 'yellow',
  WARNING: 'yellow',
  ERROR: 'red',
  CRITICAL: 'red',
  FATAL: 'red',
  SILENT: 'dim',
};

function level(style: RenderStyle, name: string): string {
  const upper = name.toUpperCase();
  return paint(style, LEVEL_COLOURS[upper] ?? 'magenta', upper.padEnd(5));
}

/**
 * Keys whose values are credentials. A function that logs its whole event would otherwise print the caller's
 * bearer token; the console shows that the key was there, not its value.
 */
// Keys whose values are credentials: headers, and names that end in password, secret, token, hash or key
// (`PreviousPassword`, `SecretHash`, `x-api-key`, `refresh_token`) or name a code sent to a user.
const SECRET_KEY =
  /^(authorization|proxy-authorization|cookie|set-cookie)$|(password|secret|token|secret_?hash|api[-_]?key|confirmation_?code)$/i;

/**
 * Powertools' keys that restate which function wrote the record; the console line starts with the function's
 * name already.
 */
const FUNCTION_IDENTITY_KEYS = new Set(['function_name', 'function_arn', 'function_memory_size']);

/** A value as it appears after `key=`: strings bare unless they need quotes, everything else as JSON. */
function value(raw: unknown): string {
  if (typeof raw === 'string') return raw === '' || /[\s"=]/.test(raw) ? JSON.stringify(raw) : raw;
  return JSON.stringify(redact(raw)) ?? String(raw);
}

function redact(raw: unknown): unknown {
  if (Array.isArray(raw)) return raw.map(redact);
  if (typeof raw !== 'object' || raw === null) return raw;
  // No prototype: a logged key named `__proto__` is kept as data, not taken as the object's prototype.
  const out: Record<string, unknown> = Object.create(null);
  for (const [key, inner] of Object.entries(raw))
    out[key] = SECRET_KEY.test(key) ? '[redacted]' : redact(inner);
  return out;
}

/** `LEVEL message key=value …` for a JSON log record; undefined when `line` is not one. */
function renderRecord(line: string, style: RenderStyle): string | undefined {
  if (!line.startsWith('{')) return undefined;
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return undefined;
  const { level: levelName, message, msg, ...rest } = record as Record<string, unknown>;
  const text = message ?? msg;
  const parts = [
    level(style, typeof levelName === 'string' ? levelName : 'LOG'),
    paint(style, 'bold', typeof text === 'string' ? text : (JSON.stringify(text) ?? '')),
  ];
  if (msg !== undefined && message !== undefined) rest.msg = msg;
  for (const [key, raw] of Object.entries(rest)) {
    if (FUNCTION_IDENTITY_KEYS.has(key)) continue;
    parts.push(`${paint(style, 'dim', `${key}=`)}${SECRET_KEY.test(key) ? '[redacted]' : value(raw)}`);
  }
  return parts.join(' ');
}

const RUNTIME_LINE = /^\d{4}-\d\d-\d\dT[\d:.]+Z\t[^\t]*\t([A-Z]+)\t([\s\S]*)$/;

/** One line a function wrote, for the console. */
export function renderFunctionLine(line: string, style: RenderStyle): string {
  const record = renderRecord(line, style);
  if (record !== undefined) return record;
  const runtime = RUNTIME_LINE.exec(line);
  if (runtime !== null) {
    const [, levelName = 'INFO', message = ''] = runtime;
    // A console.log of a JSON string (Powertools in dev mode, or a hand-made record) renders as a record.
    return renderRecord(message, style) ?? `${level(style, levelName)} ${message}`;
  }
  return line;
}

function statusColour(status: number): Paint {
  if (status >= 500) return 'red';
  if (status >= 400) return 'yellow';
  if (status >= 300) return 'cyan';
  return 'green';
}

/** `GET /dev/me 200 12 ms ApiFunction 1f2e…`: one line per request through the gateway. */
export function renderRequestLine(request: RequestLine, style: RenderStyle): string {
  const parts = [
    paint(style, 'bold', request.method),
    request.path,
    paint(style, statusColour(request.status), String(request.status)),
    paint(style, 'dim', `${Math.round(request.durationMs)} ms`),
  ];
  if (request.functionName !== undefined) parts.push(paint(style, 'cyan', request.functionName));
  if (request.requestId !== undefined) parts.push(paint(style, 'dim', request.requestId));
  return parts.join(' ');
}
