export { authorizeRoute } from './auth/authorize-route.js';
export { parseClaimDate } from './auth/claim-date.js';
export {
  type Principal,
  parsePrincipal,
  type ServicePrincipal,
  type UserPrincipal,
} from './auth/principal.js';
export {
  type ApiConfig,
  type LogLevel,
  LogLevels,
  loadApiConfig,
  loadTriggerConfig,
  type TriggerConfig,
} from './config/api-config.js';
export {
  ApiError,
  BadRequestError,
  ConfigurationError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  ResponseContractError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
} from './errors/api-error.js';
export { errorResponse, INTERNAL_ERROR_MESSAGE } from './errors/error-response.js';
export { type ApiHandler, type ApiHandlerOptions, createApiHandler } from './http/api-handler.js';
export { checkResponse } from './http/check-response.js';
export { CORS_ALLOWED_HEADERS, corsHeaders } from './http/cors-headers.js';
export { parseRouteInput, type RawRequest, type RouteInput } from './http/parse-route-input.js';
export type { RouteHandler, RouteHandlers, RoutePrincipal, RouteRequest } from './http/route-handlers.js';
export { type CompiledRoute, type RouteMatch, RouteMatcher, type RouteTarget } from './http/route-matcher.js';
export { createLogger } from './logging/create-logger.js';
export { profileFromPrincipal } from './me/profile-from-principal.js';
export { decodeNoteCursor, encodeNoteCursor, type NoteKey } from './notes/note-cursor.js';
export {
  type NewNote,
  type NoteChanges,
  NoteNotFoundError,
  NoteRepository,
  type NoteRepositoryOptions,
  NoteVersionConflictError,
} from './notes/note-repository.js';
export { createUlidFactory } from './notes/ulid-factory.js';
export {
  createPreTokenGenerationHandler,
  type PreTokenGenerationHandler,
} from './pre-token-generation/pre-token-generation-handler.js';
export { type TokenClaims, type TokenSubject, tokenClaims } from './pre-token-generation/token-claims.js';
export { createRouteHandlers, type RouteDependencies } from './routes/create-route-handlers.js';
