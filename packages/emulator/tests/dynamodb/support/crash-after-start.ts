import { startDynamoDbServer } from '../../../src/dynamodb/dynamodb-server.js';

// Starts the local DynamoDB, says where, and dies without closing it (an uncaught error, as in a crash).
const server = await startDynamoDbServer();
process.stdout.write(`listening ${server.url}\n`, () => {
  throw new Error('crash');
});
