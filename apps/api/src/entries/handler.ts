import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { apiContract } from '@org/contracts';
import { loadApiConfig } from '../config/api-config.js';
import { API_VERSION } from '../config/api-version.js';
import { createApiHandler } from '../http/api-handler.js';
import { createLogger } from '../logging/create-logger.js';
import { NoteRepository } from '../notes/note-repository.js';
import { createRouteHandlers } from '../routes/create-route-handlers.js';

// Cold start: the environment is read once here; a missing variable fails the init with its name.
const config = loadApiConfig(process.env);
const logger = createLogger(config);
// Region and the endpoint (AWS_ENDPOINT_URL_DYNAMODB locally) come from the SDK's standard
// configuration chain, so this line is the same on AWS and offline. Credentials come from the
// environment, where Lambda puts the execution role's (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
// AWS_SESSION_TOKEN) and the local stack puts its own; naming the provider keeps the SDK's default
// chain (SSO, profiles, IMDS, ...) out of the bundle (see scripts/build.mjs).
const client = DynamoDBDocumentClient.from(new DynamoDBClient({ credentials: fromEnv() }), {
  marshallOptions: { removeUndefinedValues: true },
});
const notes = new NoteRepository({ client, tableName: config.tableName });

/** The API Lambda's entry point (`index.handler`). */
export const handler = createApiHandler({
  contract: apiContract,
  handlers: createRouteHandlers({ notes, version: API_VERSION }),
  corsAllowedOrigins: config.corsAllowedOrigins,
  devMode: config.devMode,
  logger,
});
