import { StatsSchema } from './admin/stats.js';
import { ApiScopes, COGNITO_USER_ADMIN_SCOPE, OidcScopes } from './auth/oauth-scopes.js';
import { ErrorResponses } from './errors/error-envelope.js';
import { HealthSchema } from './health/health.js';
import { defineContract, defineRoute } from './http/route.js';
import { Access } from './http/route-access.js';
import { ProfileSchema } from './me/profile.js';
import {
  CreateNoteHeadersSchema,
  CreateNoteSchema,
  ListNotesQuerySchema,
  NotePageSchema,
  NoteParamsSchema,
  NoteSchema,
  UpdateNoteSchema,
} from './notes/note.js';

/** The Cognito group whose members may call the admin routes. */
export const ADMIN_GROUP = 'admin';

/** Largest JSON request body the API accepts, in bytes; larger bodies get a 413. */
export const MAX_REQUEST_BODY_BYTES = 64 * 1024;

const { 400: badRequest, 401: unauthorized, 403: forbidden, 404: notFound, 409: conflict } = ErrorResponses;
/**
 * Who may call each protected route. Users sign in through Cognito's API flows (their access token carries
 * `aws.cognito.signin.user.admin`) or through the managed login page with OAuth scopes; services hold a
 * client-credentials token with a custom scope of the `gatehouse-api` resource server.
 */
const RouteAccessRules = {
  profile: Access.protected({ users: { scopes: [COGNITO_USER_ADMIN_SCOPE, OidcScopes.openid] } }),
  readNotes: Access.protected({ users: { scopes: [COGNITO_USER_ADMIN_SCOPE, ApiScopes.notesRead] } }),
  writeNotes: Access.protected({ users: { scopes: [COGNITO_USER_ADMIN_SCOPE, ApiScopes.notesWrite] } }),
  stats: Access.protected({
    users: { scopes: [COGNITO_USER_ADMIN_SCOPE], groups: [ADMIN_GROUP] },
    services: { scopes: [ApiScopes.statsRead] },
  }),
} as const;

const { 413: tooLarge, 415: unsupportedMediaType, 500: internal } = ErrorResponses;

/** The Gatehouse REST API. Every consumer (api, client, infra, OpenAPI) reads it from here. */
export const apiContract = defineContract({
  system: {
    health: defineRoute({
      name: 'system.health',
      method: 'GET',
      path: '/health',
      summary: 'Reports that the API is up and which version is serving.',
      access: Access.public,
      successStatus: 200,
      responses: { 200: HealthSchema, 500: internal },
    }),
  },
  me: {
    get: defineRoute({
      name: 'me.get',
      method: 'GET',
      path: '/me',
      summary: "Returns the caller's profile, read from the verified token claims.",
      access: RouteAccessRules.profile,
      successStatus: 200,
      responses: { 200: ProfileSchema, 401: unauthorized, 403: forbidden, 500: internal },
    }),
  },
  notes: {
    list: defineRoute({
      name: 'notes.list',
      method: 'GET',
      path: '/notes',
      summary: "Lists the caller's notes, newest first, a page at a time.",
      access: RouteAccessRules.readNotes,
      query: ListNotesQuerySchema,
      successStatus: 200,
      responses: { 200: NotePageSchema, 400: badRequest, 401: unauthorized, 403: forbidden, 500: internal },
    }),
    create: defineRoute({
      name: 'notes.create',
      method: 'POST',
      path: '/notes',
      summary: 'Creates a note owned by the caller.',
      access: RouteAccessRules.writeNotes,
      headers: CreateNoteHeadersSchema,
      body: CreateNoteSchema,
      successStatus: 201,
      responses: {
        201: NoteSchema,
        400: badRequest,
        401: unauthorized,
        403: forbidden,
        413: tooLarge,
        415: unsupportedMediaType,
        500: internal,
      },
    }),
    get: defineRoute({
      name: 'notes.get',
      method: 'GET',
      path: '/notes/{noteId}',
      summary: "Returns one of the caller's notes; another user's note is a 404.",
      access: RouteAccessRules.readNotes,
      params: NoteParamsSchema,
      successStatus: 200,
      responses: {
        200: NoteSchema,
        400: badRequest,
        401: unauthorized,
        403: forbidden,
        404: notFound,
        500: internal,
      },
    }),
    update: defineRoute({
      name: 'notes.update',
      method: 'PATCH',
      path: '/notes/{noteId}',
      summary: 'Changes some fields of a note if its version is still `expectedVersion`.',
      access: RouteAccessRules.writeNotes,
      params: NoteParamsSchema,
      body: UpdateNoteSchema,
      successStatus: 200,
      responses: {
        200: NoteSchema,
        400: badRequest,
        401: unauthorized,
        403: forbidden,
        404: notFound,
        409: conflict,
        413: tooLarge,
        415: unsupportedMediaType,
        500: internal,
      },
    }),
    delete: defineRoute({
      name: 'notes.delete',
      method: 'DELETE',
      path: '/notes/{noteId}',
      summary: 'Deletes one of the caller’s notes.',
      access: RouteAccessRules.writeNotes,
      params: NoteParamsSchema,
      successStatus: 204,
      responses: {
        204: null,
        400: badRequest,
        401: unauthorized,
        403: forbidden,
        404: notFound,
        500: internal,
      },
    }),
  },
  admin: {
    stats: defineRoute({
      name: 'admin.stats',
      method: 'GET',
      path: '/admin/stats',
      summary:
        'Counts notes and the users who hold them (admin-group users, or services with `gatehouse-api/stats.read`).',
      access: RouteAccessRules.stats,
      successStatus: 200,
      responses: { 200: StatsSchema, 401: unauthorized, 403: forbidden, 500: internal },
    }),
  },
});

export type ApiContract = typeof apiContract;
