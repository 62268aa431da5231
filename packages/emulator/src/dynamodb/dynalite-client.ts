import { type Agent, request } from 'node:http';
import { DynamoDbError } from './dynamodb-error.js';

/** An attribute value in DynamoDB's JSON (`{"S":"x"}`, `{"N":"1"}`, ...). */
export type AttributeValue = Record<string, unknown>;
/** An item or a key: attribute name → attribute value. */
export type Item = Record<string, AttributeValue>;

/**
 * Calls dynalite's own HTTP API with one operation, as the transaction layer in front of it does.
 *
 * dynalite checks only that a request is signed, not the signature, so a fixed, well-formed
 * Authorization header stands in for one (callers' own credentials never reach these requests).
 */
export class DynaliteClient {
  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly agent: Agent,
  ) {}

  /** Resolves to the operation's JSON answer; rejects with the DynamoDbError dynalite answered. */
  call(operation: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
    const body = JSON.stringify(input);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: this.host,
          port: this.port,
          method: 'POST',
          path: '/',
          agent: this.agent,
          headers: {
            'Content-Type': 'application/x-amz-json-1.0',
            'Content-Length': Buffer.byteLength(body),
            'X-Amz-Target': `DynamoDB_20120810.${operation}`,
            'X-Amz-Date': '20000101T000000Z',
            Authorization:
              'AWS4-HMAC-SHA256 Credential=local/20000101/local/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0',
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: Record<string, unknown>;
            try {
              parsed = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
            } catch (error) {
              reject(
                new Error(`dynalite answered ${operation} with ${res.statusCode}: ${text}`, { cause: error }),
              );
              return;
            }
            if (res.statusCode === 200) resolve(parsed);
            else reject(DynamoDbError.fromBody(parsed, res.statusCode ?? 500));
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}
