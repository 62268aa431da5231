import { apiContract } from '@org/contracts';
import { describe, expect, it } from 'vitest';
import { RouteMatcher } from '../../src/http/route-matcher.js';

const NOTE_ID = '01J0ABCDEFGHJKMNPQRSTVWXYZ';
const matcher = new RouteMatcher(apiContract);
const target = (
  httpMethod: string,
  path: string,
  resource?: string,
  pathParameters?: Record<string, string>,
) => ({
  httpMethod,
  path,
  resource,
  pathParameters,
});

describe('RouteMatcher', () => {
  it.each([
    ['GET', '/health', 'system.health'],
    ['GET', '/me', 'me.get'],
    ['GET', '/notes', 'notes.list'],
    ['POST', '/notes', 'notes.create'],
    ['GET', `/notes/${NOTE_ID}`, 'notes.get'],
    ['PATCH', `/notes/${NOTE_ID}`, 'notes.update'],
    ['DELETE', `/notes/${NOTE_ID}`, 'notes.delete'],
    ['GET', '/admin/stats', 'admin.stats'],
    ['get', '/notes/', 'notes.list'],
  ])('matches %s %s by path to %s', (method, path, name) => {
    const match = matcher.match(target(method, path));
    expect(match.kind === 'route' && match.route.name).toBe(name);
  });

  it('uses the resource and the path parameters API Gateway sends', () => {
    const match = matcher.match(target('GET', '/anything', '/notes/{noteId}', { noteId: NOTE_ID }));
    expect(match).toMatchObject({ kind: 'route', route: { name: 'notes.get' }, params: { noteId: NOTE_ID } });
  });

  it('decodes path parameters taken from the path', () => {
    const match = matcher.match(target('GET', '/notes/a%20b'));
    expect(match).toMatchObject({ kind: 'route', params: { noteId: 'a b' } });
  });

  it('keeps a malformed escape as sent', () => {
    expect(matcher.match(target('GET', '/notes/%E0%A4%A'))).toMatchObject({ params: { noteId: '%E0%A4%A' } });
  });

  it.each([['/unknown'], ['/notes/a/b'], ['/'], ['/admin']])('finds nothing at %s', (path) => {
    expect(matcher.match(target('GET', path)).kind).toBe('not-found');
  });

  it('reports the methods a path has when the method is wrong', () => {
    expect(matcher.match(target('PUT', '/notes'))).toEqual({
      kind: 'method-not-allowed',
      methods: ['GET', 'POST'],
    });
  });

  it('answers OPTIONS as a preflight with the path’s methods', () => {
    expect(matcher.match(target('OPTIONS', `/notes/${NOTE_ID}`))).toEqual({
      kind: 'preflight',
      methods: ['GET', 'PATCH', 'DELETE'],
    });
  });
});
