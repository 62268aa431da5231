import { describe, expectTypeOf, it } from 'vitest';
import type {
  ApiContract,
  Note,
  NotePage,
  RouteBody,
  RouteBodyInput,
  RouteParams,
  RouteQuery,
  RouteQueryInput,
  RouteResponse,
  RouteSuccessBody,
} from '../../src/index.js';

type Update = ApiContract['notes']['update'];
type List = ApiContract['notes']['list'];
type Create = ApiContract['notes']['create'];
type Delete = ApiContract['notes']['delete'];

describe('route types', () => {
  it('infers path parameters', () => {
    expectTypeOf<RouteParams<Update>>().toEqualTypeOf<{ noteId: string }>();
    expectTypeOf<RouteParams<List>>().toEqualTypeOf<undefined>();
  });

  it('infers what a caller may send and what a handler receives', () => {
    expectTypeOf<RouteBodyInput<Create>>().toEqualTypeOf<{ title: string; body?: string; tags?: string[] }>();
    expectTypeOf<RouteBody<Create>>().toEqualTypeOf<{ title: string; body: string; tags: string[] }>();
    expectTypeOf<RouteQueryInput<List>>().toEqualTypeOf<{ limit?: number; cursor?: string }>();
    expectTypeOf<RouteQuery<List>>().toEqualTypeOf<{ limit: number; cursor?: string }>();
  });

  it('infers the success body of each route', () => {
    expectTypeOf<RouteSuccessBody<List>>().toEqualTypeOf<NotePage>();
    expectTypeOf<RouteSuccessBody<Update>>().toEqualTypeOf<Note>();
    expectTypeOf<RouteSuccessBody<Delete>>().toEqualTypeOf<undefined>();
  });

  it('makes every documented status part of the response union', () => {
    expectTypeOf<RouteResponse<Update>['status']>().toEqualTypeOf<
      200 | 400 | 401 | 403 | 404 | 409 | 413 | 415 | 500
    >();
    expectTypeOf<
      Extract<RouteResponse<Update>, { status: 409 }>['body']['error']
    >().toEqualTypeOf<'Conflict'>();
  });
});
