// The runtime entry point (`@org/contracts`): what handlers, the client and infra use. The OpenAPI
// builder has its own entry point, `@org/contracts/openapi` (src/openapi.ts).
export { type Stats, StatsSchema } from './admin/stats.js';
export { ADMIN_GROUP, type ApiContract, apiContract, MAX_REQUEST_BODY_BYTES } from './api-contract.js';
export {
  type AccessTokenClaims,
  AccessTokenClaimsSchema,
  API_AUTHORIZATION_SCOPES,
  type AuthorizerClaims,
  AuthorizerClaimsSchema,
  COGNITO_USER_ADMIN_SCOPE,
  CustomClaims,
  type IdTokenClaims,
  IdTokenClaimsSchema,
  parseGroupsClaim,
} from './auth/token-claims.js';
export { TableKeys } from './data/table-keys.js';
export {
  type ErrorEnvelope,
  ErrorEnvelopeSchema,
  ErrorResponses,
  type ErrorStatus,
  type ErrorType,
  ErrorTypes,
  errorEnvelope,
  type FieldIssue,
  FieldIssueSchema,
  type GatewayError,
  GatewayErrorSchema,
  UnauthorizedResponseSchema,
} from './errors/error-envelope.js';
export { type Health, HealthSchema } from './health/health.js';
export {
  Access,
  type ContractDefinition,
  defineContract,
  defineRoute,
  type HttpMethod,
  HttpMethods,
  isProtected,
  listRoutes,
  type RouteAccess,
  type RouteBody,
  type RouteBodyInput,
  type RouteDefinition,
  type RouteHeaders,
  type RouteHeadersInput,
  type RouteParams,
  type RouteParamsInput,
  type RouteQuery,
  type RouteQueryInput,
  type RouteResponse,
  type RouteResponses,
  type RouteSuccessBody,
} from './http/route.js';
export { type Profile, ProfileSchema, type Role, RoleSchema, Roles } from './me/profile.js';
export {
  type CreateNote,
  CreateNoteHeadersSchema,
  CreateNoteSchema,
  type ListNotesQuery,
  ListNotesQuerySchema,
  NOTES_PAGE_LIMIT,
  type Note,
  NoteIdSchema,
  type NotePage,
  NotePageSchema,
  NoteParamsSchema,
  NoteSchema,
  type UpdateNote,
  UpdateNoteSchema,
} from './notes/note.js';
export {
  type LocalEndpoints,
  LocalEndpointsSchema,
  parseOutputsFile,
  type StackOutputName,
  StackOutputNames,
  type StackOutputs,
  StackOutputsError,
  StackOutputsSchema,
  UserPoolIdSchema,
} from './outputs/stack-outputs.js';
