export { type DynamoDbServer, type DynamoDbServerOptions, startDynamoDbServer } from './dynamodb-server.js';
