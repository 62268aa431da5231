import { connect } from 'node:net';

/** The parts of an HTTP/1.1 answer a test looks at. */
export interface RawAnswer {
  status: number;
  headers: Map<string, string>;
  body: string;
}

/**
 * Sends a request as the given bytes over a fresh connection (`Connection: close`) and reads the answer.
 * `fetch` normalises or drops some header names (`__proto__`), and cannot send an oversized header block,
 * so tests that probe the parser send raw bytes.
 */
export function rawRequest(
  baseUrl: string,
  requestLine: string,
  headers: [string, string][],
  body = '',
): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  const lines = [requestLine, `Host: ${hostname}:${port}`, 'Connection: close'];
  for (const [name, value] of headers) lines.push(`${name}: ${value}`);
  if (body !== '') lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  const text = `${lines.join('\r\n')}\r\n\r\n${body}`;
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const raw = Buffer.concat(chunks).toString('latin1');
      const split = raw.indexOf('\r\n\r\n');
      const head = (split === -1 ? raw : raw.slice(0, split)).split('\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head[0] ?? '')?.[1] ?? 0);
      const map = new Map<string, string>();
      for (const line of head.slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) map.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      resolve({ status, headers: map, body: split === -1 ? '' : raw.slice(split + 4) });
    });
    // Written, not ended: a client that half-closes at once loses the answer to a slow request (node:http ends
    // such a socket), which no real client does; `Connection: close` has the server close it once it answered.
    socket.write(text);
  });
}
