import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { Readable } from 'node:stream';

/*
 * Checks every local service makes before it reads a request, because a web page open in the developer's
 * browser is an attacker: it can send requests to 127.0.0.1, and it can re-point its own domain at 127.0.0.1
 * (DNS rebinding) to read the answers as if they were its own.
 */

const LOOPBACK_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Whether a host name (lower-case, no port) names this machine's loopback interface. */
export function isLoopbackHostname(hostname: string): boolean {
  return LOOPBACK_HOSTNAMES.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** The host name of a `Host` header, lower-cased and without its port; undefined when it is not one. */
export function hostnameOf(host: string | undefined): string | undefined {
  return /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(:\d{1,5})?$/.exec(host ?? '')?.[1]?.toLowerCase();
}

/**
 * Which `Host` headers a server listening on `listenHost` answers: loopback names and the address it was told
 * to listen on. A page whose domain was re-pointed at 127.0.0.1 sends its own domain, and is refused. Listening
 * on a wildcard address the machine is reached by any of its addresses, so any IP literal is accepted there too:
 * an IP literal cannot be rebound.
 *
 * @example
 * const allowed = hostAllowlist('127.0.0.1');
 * allowed('localhost:9229'); // true
 * allowed('evil.example:9229'); // false
 */
export function hostAllowlist(listenHost: string): (hostHeader: string | undefined) => boolean {
  const own = (isIP(listenHost) === 6 ? `[${listenHost}]` : listenHost).toLowerCase();
  const wildcard = listenHost === '0.0.0.0' || listenHost === '::';
  return (hostHeader) => {
    const hostname = hostnameOf(hostHeader);
    if (hostname === undefined) return false;
    if (isLoopbackHostname(hostname) || hostname === own) return true;
    return wildcard && isIP(hostname.replace(/^\[(.*)\]$/, '$1')) !== 0;
  };
}

/**
 * Whether a request was sent by a web page: browsers add `Origin` to every cross-origin request (and to
 * same-origin POSTs), and `Sec-Fetch-Site` to requests to secure contexts such as loopback, where `none` means
 * the user typed the URL. Node's fetch, the AWS SDKs and curl send neither.
 */
export function isBrowserRequest(req: IncomingMessage): boolean {
  if (req.headers.origin !== undefined) return true;
  const site = req.headers['sec-fetch-site'];
  return site !== undefined && site !== 'none' && site !== 'same-origin';
}

/**
 * Reads a request body of up to `maxBytes`, or undefined for a larger one: past the limit the rest is read
 * and dropped, not kept, so the caller can still answer the sender.
 */
export function readBoundedBody(stream: Readable, maxBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    stream.on('end', () => resolve(size > maxBytes ? undefined : Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}
