import type { ApiContract } from '@org/contracts';
import type { RouteHandlers } from '../http/route-handlers.js';
import { profileFromPrincipal } from '../me/profile-from-principal.js';
import type { NoteRepository } from '../notes/note-repository.js';

/** What the Gatehouse routes need. */
export interface RouteDependencies {
  readonly notes: NoteRepository;
  /** Reported by `GET /health`. */
  readonly version: string;
}

/** The handlers of every route in `apiContract`. */
export function createRouteHandlers({ notes, version }: RouteDependencies): RouteHandlers<ApiContract> {
  return {
    system: {
      health: async () => ({ status: 200, body: { status: 'ok', version } }),
    },
    me: {
      get: async ({ principal }) => ({ status: 200, body: profileFromPrincipal(principal) }),
    },
    notes: {
      list: async ({ principal, query }) => ({
        status: 200,
        body: await notes.list(principal.sub, { limit: query.limit, cursor: query.cursor }),
      }),
      create: async ({ principal, body, headers }) => ({
        status: 201,
        body: await notes.create(principal.sub, body, headers['idempotency-key']),
      }),
      get: async ({ principal, params }) => ({
        status: 200,
        body: await notes.get(principal.sub, params.noteId),
      }),
      update: async ({ principal, params, body }) => ({
        status: 200,
        body: await notes.update(principal.sub, params.noteId, body),
      }),
      delete: async ({ principal, params }) => {
        await notes.delete(principal.sub, params.noteId);
        return { status: 204, body: undefined };
      },
    },
    admin: {
      stats: async () => ({ status: 200, body: await notes.stats() }),
    },
  };
}
