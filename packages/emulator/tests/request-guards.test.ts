import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { hostAllowlist, isBrowserRequest, readBoundedBody } from '../src/request-guards.js';

describe('hostAllowlist', () => {
  it.each<[string, string | undefined, boolean]>([
    ['127.0.0.1', 'localhost:9229', true],
    ['127.0.0.1', 'LocalHost:9229', true],
    ['127.0.0.1', '127.0.0.1:9229', true],
    ['127.0.0.1', '127.255.0.7', true],
    ['127.0.0.1', '[::1]:9229', true],
    ['127.0.0.1', 'evil.example:9229', false],
    ['127.0.0.1', 'localhost.evil.example', false],
    ['127.0.0.1', '127.0.0.1.nip.io:9229', false],
    ['127.0.0.1', '192.168.1.5:9229', false],
    ['127.0.0.1', '', false],
    ['127.0.0.1', undefined, false],
    ['127.0.0.1', 'localhost:9229:1', false],
    ['192.168.1.5', '192.168.1.5:9229', true],
    ['192.168.1.5', '192.168.1.6:9229', false],
    ['devbox.lan', 'devbox.lan:9229', true],
    ['devbox.lan', 'evil.example:9229', false],
    ['fd00::5', '[fd00::5]:9229', true],
    ['0.0.0.0', '192.168.1.5:9229', true],
    ['0.0.0.0', '[fd00::5]:9229', true],
    ['0.0.0.0', 'devbox.lan:9229', false],
    ['::', 'evil.example', false],
  ])('listening on %s, answers Host %j: %s', (listen, host, allowed) => {
    expect(hostAllowlist(listen)(host)).toBe(allowed);
  });
});

describe('isBrowserRequest', () => {
  const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

  it.each<[Record<string, string>, boolean]>([
    [{}, false],
    [{ 'sec-fetch-mode': 'cors' }, false], // Node's own fetch sends this, and no Origin
    [{ 'sec-fetch-site': 'none' }, false],
    [{ 'sec-fetch-site': 'same-origin' }, false],
    [{ 'sec-fetch-site': 'same-site' }, true],
    [{ 'sec-fetch-site': 'cross-site' }, true],
    [{ origin: 'null' }, true],
    [{ origin: 'http://localhost:5173' }, true],
  ])('takes headers %j for a page: %s', (headers, page) => {
    expect(isBrowserRequest(req(headers))).toBe(page);
  });
});

describe('readBoundedBody', () => {
  it.each<[string, string[], number, string | undefined]>([
    ['an empty body', [], 4, ''],
    ['a body in chunks', ['ab', 'cd'], 4, 'abcd'],
    ['a body one byte over the limit', ['ab', 'cde'], 4, undefined],
    ['a body far over the limit', ['abcdefgh', 'ij'], 4, undefined],
  ])('reads %s', async (_name, chunks, max, expected) => {
    const body = await readBoundedBody(Readable.from(chunks.map((c) => Buffer.from(c))), max);
    expect(body?.toString()).toBe(expected);
  });

  it('rejects when the stream fails', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('socket closed'));
      },
    });
    await expect(readBoundedBody(failing, 4)).rejects.toThrow('socket closed');
  });
});
