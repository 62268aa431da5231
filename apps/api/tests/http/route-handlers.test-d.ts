// Type-level checks, verified by `tsc --noEmit`: the handler map must cover the contract exactly and
// each handler may only answer with the statuses and bodies its route declares.
import type { ApiContract } from '@org/contracts';
import type { RouteHandler, RouteHandlers } from '../../src/http/route-handlers.js';

type NotesGet = ApiContract['notes']['get'];
type Health = ApiContract['system']['health'];

const note = {
  noteId: '01J0ABCDEFGHJKMNPQRSTVWXYZ',
  title: 't',
  body: '',
  tags: [],
  createdAt: '2024-06-17T15:00:04.000Z',
  updatedAt: '2024-06-17T15:00:04.000Z',
  version: 1,
};

export const declared: RouteHandler<NotesGet> = async ({ principal, params }) => {
  // A protected route's handler gets a principal and typed params.
  const owner: string = principal.sub;
  const id: string = params.noteId;
  return owner && id
    ? { status: 200, body: note }
    : { status: 404, body: { error: 'NotFound', message: 'm', requestId: 'r' } };
};

// @ts-expect-error 201 is not a status of notes.get
export const undeclaredStatus: RouteHandler<NotesGet> = async () => ({ status: 201, body: note });

// @ts-expect-error the body misses the note's version
export const wrongBody: RouteHandler<NotesGet> = async () => ({
  status: 200,
  body: { ...note, version: undefined },
});

// @ts-expect-error the envelope's error type belongs to another status
export const wrongEnvelope: RouteHandler<NotesGet> = async () => ({
  status: 404,
  body: { error: 'Conflict', message: 'm', requestId: 'r' },
});

export const publicRoute: RouteHandler<Health> = async ({ principal }) => {
  // A public route has no principal.
  const none: undefined = principal;
  return { status: 200, body: { status: 'ok', version: String(none) } };
};

declare const handlers: RouteHandlers<ApiContract>;
export const fromMap: RouteHandler<NotesGet> = handlers.notes.get;

// @ts-expect-error the map has no route the contract does not declare
export const unknownRoute = handlers.notes.archive;

// @ts-expect-error a map without the admin routes is not a complete handler map
export const incomplete: RouteHandlers<ApiContract> = {
  system: handlers.system,
  me: handlers.me,
  notes: handlers.notes,
};

// A route that serves users only hands its handler a user: groups and username need no narrowing.
export const userOnly: RouteHandler<ApiContract['me']['get']> = async ({ principal }) => {
  const groups: readonly string[] = principal.groups;
  const username: string = principal.username;
  return {
    status: 200,
    body: {
      sub: principal.sub,
      username,
      email: null,
      groups: [...groups],
      displayName: null,
      role: 'member',
    },
  };
};

// A route that serves services too hands its handler either kind, which it must tell apart.
export const usersAndServices: RouteHandler<ApiContract['admin']['stats']> = async ({ principal }) => {
  // @ts-expect-error a service principal has no groups
  const groups = principal.groups;
  const kind: 'user' | 'service' = principal.kind;
  return { status: 200, body: { users: groups ? 1 : 0, notes: kind === 'user' ? 1 : 0 } };
};
