import { apiContract, type FieldIssue, MAX_REQUEST_BODY_BYTES } from '@org/contracts';
import { describe, expect, it } from 'vitest';
import {
  BadRequestError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from '../../src/errors/api-error.js';
import { parseRouteInput, type RawRequest } from '../../src/http/parse-route-input.js';

const NOTE_ID = '01J0ABCDEFGHJKMNPQRSTVWXYZ';
const json = { 'content-type': 'application/json' };
const raw = (overrides: Partial<RawRequest>): RawRequest => ({
  params: {},
  query: {},
  headers: {},
  body: null,
  isBase64Encoded: false,
  ...overrides,
});

function issues(fn: () => unknown): readonly FieldIssue[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof BadRequestError) return error.details ?? [];
    throw error;
  }
  throw new Error('expected a BadRequestError');
}

describe('parseRouteInput', () => {
  it('returns validated values with defaults applied', () => {
    const input = parseRouteInput(
      apiContract.notes.create,
      raw({ headers: { ...json, 'idempotency-key': 'key-12345678' }, body: '{"title":"  Hello "}' }),
    );
    expect(input.body).toEqual({ title: 'Hello', body: '', tags: [] });
    expect(input.headers).toEqual({ 'idempotency-key': 'key-12345678' });
  });

  it('coerces the query limit from text', () => {
    expect(parseRouteInput(apiContract.notes.list, raw({ query: { limit: '5' } })).query).toEqual({
      limit: 5,
    });
  });

  it('reads a base64-encoded body', () => {
    const body = Buffer.from('{"title":"b64"}').toString('base64');
    const input = parseRouteInput(
      apiContract.notes.create,
      raw({ headers: json, body, isBase64Encoded: true }),
    );
    expect(input.body).toMatchObject({ title: 'b64' });
  });

  it.each([
    ['application/json; charset=utf-8'],
    ['application/json;charset="UTF-8"'],
    ['Application/JSON'],
    ['application/merge-patch+json'],
    ['application/vnd.api+json'],
  ])('accepts Content-Type %s', (contentType) => {
    const input = parseRouteInput(
      apiContract.notes.create,
      raw({ headers: { 'content-type': contentType }, body: '{"title":"t"}' }),
    );
    expect(input.body).toMatchObject({ title: 't' });
  });

  it('lists every invalid field of params, body and headers at once', () => {
    const details = issues(() =>
      parseRouteInput(
        apiContract.notes.update,
        raw({
          params: { noteId: 'not-a-ulid' },
          headers: json,
          body: JSON.stringify({
            title: '',
            tags: ['ok', 'x'.repeat(33)],
            expectedVersion: 0,
            colour: 'red',
          }),
        }),
      ),
    );
    expect(details?.map((d) => d.path)).toEqual([
      'params.noteId',
      'body.title',
      'body.tags[1]',
      'body.expectedVersion',
      'body.colour',
    ]);
    expect(details?.find((d) => d.path === 'body.colour')?.reason).toBe('is not allowed');
  });

  it.each([
    ['a limit that is not a number', { limit: 'ten' }, 'query.limit'],
    ['a limit over the maximum', { limit: '101' }, 'query.limit'],
    ['a limit of zero', { limit: '0' }, 'query.limit'],
    ['a fractional limit', { limit: '2.5' }, 'query.limit'],
    ['an unknown parameter', { sort: 'asc' }, 'query.sort'],
    ['an empty cursor', { cursor: '' }, 'query.cursor'],
  ])('refuses %s', (_what, query, path) => {
    expect(issues(() => parseRouteInput(apiContract.notes.list, raw({ query }))).map((d) => d.path)).toEqual([
      path,
    ]);
  });

  it.each([
    ['a missing body', null, 'body', 'is required (a JSON object)'],
    ['an empty body', '', 'body', 'is required (a JSON object)'],
    ['a body that is not JSON', '{title: "x"', 'body', 'is not valid JSON'],
    ['a JSON array', '[]', 'body', expect.any(String)],
    [
      'an update that changes nothing',
      '{"expectedVersion":1}',
      'body',
      'must change at least one of title, body, tags',
    ],
  ])('refuses %s with 400', (_what, body, path, reason) => {
    const route = body?.includes('expectedVersion') ? apiContract.notes.update : apiContract.notes.create;
    const params = route === apiContract.notes.update ? { noteId: NOTE_ID } : {};
    expect(issues(() => parseRouteInput(route, raw({ params, headers: json, body })))).toEqual([
      { path, reason },
    ]);
  });

  it('refuses bytes that are not UTF-8', () => {
    const body = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('base64');
    expect(
      issues(() =>
        parseRouteInput(apiContract.notes.create, raw({ headers: json, body, isBase64Encoded: true })),
      ),
    ).toEqual([{ path: 'body', reason: 'is not valid UTF-8' }]);
  });

  it('refuses an idempotency key that is too short', () => {
    const details = issues(() =>
      parseRouteInput(
        apiContract.notes.create,
        raw({ headers: { ...json, 'idempotency-key': 'short' }, body: '{"title":"t"}' }),
      ),
    );
    expect(details?.map((d) => d.path)).toEqual(['headers.idempotency-key']);
  });

  it('refuses a body over the limit with 413, before reading it', () => {
    const body = JSON.stringify({ title: 't', body: 'x'.repeat(MAX_REQUEST_BODY_BYTES) });
    expect(() => parseRouteInput(apiContract.notes.create, raw({ headers: json, body }))).toThrow(
      PayloadTooLargeError,
    );
  });

  it('counts the limit in bytes, not characters', () => {
    const body = JSON.stringify({ title: 't', body: 'é'.repeat(MAX_REQUEST_BODY_BYTES / 2) });
    expect(body.length).toBeLessThan(MAX_REQUEST_BODY_BYTES + 100);
    expect(() => parseRouteInput(apiContract.notes.create, raw({ headers: json, body }))).toThrow(
      PayloadTooLargeError,
    );
  });

  it.each([
    ['no Content-Type', {}],
    ['a form', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['plain text', { 'content-type': 'text/plain' }],
  ])('refuses a body with %s with 415', (_what, headers) => {
    expect(() => parseRouteInput(apiContract.notes.create, raw({ headers, body: '{"title":"t"}' }))).toThrow(
      UnsupportedMediaTypeError,
    );
  });

  it.each([
    ['utf-16', 'application/json; charset=utf-16'],
    ['iso-8859-1', 'application/json; charset="ISO-8859-1"'],
    ['windows-1252', 'application/vnd.api+json; charset=windows-1252'],
    ['utf-32be', 'application/json; profile=x; Charset=UTF-32BE'],
  ])('refuses a body declared in the %s charset with a 415 that names it', (charset, contentType) => {
    const parse = () =>
      parseRouteInput(
        apiContract.notes.create,
        raw({ headers: { 'content-type': contentType }, body: '{"title":"t"}' }),
      );
    expect(parse).toThrow(UnsupportedMediaTypeError);
    expect(parse).toThrow(new RegExp(`charset ${charset}`, 'i'));
  });

  it.each([['application/jsonp'], ['application/json-seq'], ['text/json'], ['application/+json']])(
    'refuses Content-Type %s with 415',
    (contentType) => {
      expect(() =>
        parseRouteInput(
          apiContract.notes.create,
          raw({ headers: { 'content-type': contentType }, body: '{"title":"t"}' }),
        ),
      ).toThrow(UnsupportedMediaTypeError);
    },
  );

  it('ignores a body on a route that takes none', () => {
    const input = parseRouteInput(apiContract.me.get, raw({ body: 'not json at all' }));
    expect(input.body).toBeUndefined();
  });
});
