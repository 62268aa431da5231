import { describe, expect, it } from 'vitest';
import { corsHeaders } from '../../src/http/cors-headers.js';

describe('corsHeaders', () => {
  it.each([
    ['any origin under *', ['*'], 'https://x.example.com', { 'Access-Control-Allow-Origin': '*' }],
    ['no origin under *', ['*'], undefined, { 'Access-Control-Allow-Origin': '*' }],
    [
      'a listed origin',
      ['https://a.example.com', 'http://localhost:5173'],
      'http://localhost:5173',
      { 'Access-Control-Allow-Origin': 'http://localhost:5173', Vary: 'Origin' },
    ],
    ['an unlisted origin', ['https://a.example.com'], 'https://a.example.com.evil.test', { Vary: 'Origin' }],
    ['an origin differing in scheme', ['https://a.example.com'], 'http://a.example.com', { Vary: 'Origin' }],
    ['no origin', ['https://a.example.com'], undefined, { Vary: 'Origin' }],
  ])('answers %s', (_what, allowed, origin, expected) => {
    expect(corsHeaders(allowed, origin)).toEqual(expected);
  });
});
