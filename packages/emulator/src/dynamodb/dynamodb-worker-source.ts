import { locateWorker, type WorkerSource } from '../lambda/worker-source.js';

let located: WorkerSource | undefined;

/**
 * How to start the DynamoDB worker, located once per process, as the Lambda runtime locates its worker
 * program (`locateWorker`): the built `dynamodb-worker.js` with plain Node, or `dynamodb-worker.ts` through
 * tsx's require hook when the package runs from its TypeScript sources.
 */
export function dynamoDbWorkerSource(): WorkerSource {
  located ??= locateWorker(new URL('./', import.meta.url), 'dynamodb-worker');
  return located;
}
