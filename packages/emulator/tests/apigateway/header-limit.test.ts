import { describe, expect, it } from 'vitest';
import { checkHeaderLimit, headerBytes, MAX_HEADER_BYTES } from '../../src/apigateway/header-limit.js';
import { scopeFor } from './support/gateway-steps.js';

describe('headerBytes', () => {
  it('counts the request line and each header line with their CRLFs', () => {
    // "GET /a HTTP/1.1\r\n" = 17, "Host: h\r\n" = 9
    expect(headerBytes('GET', '/a', [['Host', 'h']])).toBe(26);
  });
});

describe('checkHeaderLimit', () => {
  const withTotal = (total: number) => {
    const base = headerBytes('GET', '/prod/x', [['X-Fill', '']]);
    return scopeFor('GET', '/prod/x', [['X-Fill', 'v'.repeat(total - base)]]);
  };

  it('passes a request of exactly 10,240 bytes', () => {
    expect(checkHeaderLimit(withTotal(MAX_HEADER_BYTES))).toBeUndefined();
  });

  it("answers a larger one with 400 and AWS's text", () => {
    const answer = checkHeaderLimit(withTotal(MAX_HEADER_BYTES + 1));
    expect(answer).toEqual({
      status: 400,
      headers: [['Content-Type', 'text/plain']],
      body: 'HTTP header is larger than 10240 bytes.',
    });
  });
});
