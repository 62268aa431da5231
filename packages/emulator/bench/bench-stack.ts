/**
 * Helpers the local-stack benchmarks share: a copy of the assembly fit for load (throttling raised, functions'
 * `LOG_LEVEL` chosen) and plain `node:http` requests that read the whole answer.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { type Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One URL to load, with the headers every request carries. */
export interface Target {
  name: string;
  url: URL;
  headers: Record<string, string>;
}

/** The template's own `LOG_LEVEL` is kept when the level asked for is this. */
export const AS_SYNTHESIZED = 'as-synthesized';

/** How {@link benchCopy} changes the copy beyond throttling and `LOG_LEVEL`. */
export interface BenchCopyOptions {
  /**
   * Where the copy is made (default: the system's temporary folder). Function code that imports packages it
   * does not bundle needs a folder from which those resolve.
   */
  parentDir?: string;
  /** Every function's `Timeout`, in seconds (default: as synthesized). */
  functionTimeoutSeconds?: number;
}

/**
 * A copy of the assembly with every stage's throttling raised far above what one machine can send and, unless
 * `logLevel` is {@link AS_SYNTHESIZED}, every function's `LOG_LEVEL` set to `logLevel`.
 */
export function benchCopy(assemblyDir: string, logLevel: string, options: BenchCopyOptions = {}): string {
  const parentDir = options.parentDir ?? tmpdir();
  mkdirSync(parentDir, { recursive: true });
  const dir = mkdtempSync(join(parentDir, 'gatehouse-bench-assembly-'));
  cpSync(assemblyDir, dir, { recursive: true });
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.template.json'))) {
    const path = join(dir, file);
    const template = JSON.parse(readFileSync(path, 'utf8')) as {
      Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
    };
    for (const resource of Object.values(template.Resources)) {
      if (
        resource.Type === 'AWS::Lambda::Function' &&
        resource.Properties &&
        options.functionTimeoutSeconds
      ) {
        resource.Properties.Timeout = options.functionTimeoutSeconds;
      }
      if (resource.Type === 'AWS::Lambda::Function' && resource.Properties && logLevel !== AS_SYNTHESIZED) {
        const environment = (resource.Properties.Environment ?? {}) as {
          Variables?: Record<string, unknown>;
        };
        resource.Properties.Environment = {
          ...environment,
          Variables: { ...environment.Variables, LOG_LEVEL: logLevel },
        };
      }
      if (resource.Type !== 'AWS::ApiGateway::Stage' || !resource.Properties) continue;
      const settings = (resource.Properties.MethodSettings as Record<string, unknown>[] | undefined) ?? [];
      resource.Properties.MethodSettings = settings.map((s) => ({
        ...s,
        ThrottlingRateLimit: 1_000_000,
        ThrottlingBurstLimit: 1_000_000,
      }));
    }
    writeFileSync(path, JSON.stringify(template));
  }
  return dir;
}

/** Sends one request and resolves with the status and the whole body; rejects on a network error. */
export function send(
  agent: Agent,
  method: string,
  url: URL,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolvePromise, reject) => {
    const req = request(url, { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolvePromise({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export function get(agent: Agent, target: Target): Promise<{ status: number; body: string }> {
  return send(agent, 'GET', target.url, target.headers);
}
