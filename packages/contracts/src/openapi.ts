// The `@org/contracts/openapi` entry point: the OpenAPI builder, kept out of the runtime entry
// (`@org/contracts`) so that code bundled for Lambda or the browser never reaches it. It is used at
// build time only (scripts/write-openapi.ts writes dist/openapi.json).
export {
  buildOpenApiDocument,
  COGNITO_SECURITY_SCHEME,
  EXAMPLE_AUTH_DOMAIN_URL,
  type OpenApiInfo,
  type OpenApiOptions,
} from './openapi/openapi-document.js';
