export { type DynamoDbServer, type DynamoDbServerOptions, startDynamoDbServer } from './dynamodb-server.js';
export { createTableInput, provisionTable, TableProvisioningError } from './table-provisioner.js';
