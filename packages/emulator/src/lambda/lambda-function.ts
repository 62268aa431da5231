/** What the runtime needs to run one `AWS::Lambda::Function`. */
export interface LambdaFunctionConfig {
  functionName: string;
  /** `arn:aws:lambda:<region>:<account>:function:<name>`. */
  functionArn: string;
  /** `<module>.<export>`, e.g. `index.handler`. */
  handler: string;
  /** e.g. `nodejs20.x`; only Node.js runtimes can run here. */
  runtime: string;
  /** Absolute path of the unpacked code (the asset folder). */
  codeDir: string;
  /** The template's `Environment.Variables`. */
  environment: Record<string, string>;
  /** Seconds (template `Timeout`, AWS default 3). */
  timeoutSeconds: number;
  /** MB (template `MemorySize`, AWS default 128); bounds the worker's heap. */
  memoryMb: number;
}

/** The outcome of one invocation, as the caller (API Gateway, Cognito) sees it. */
export type LambdaInvokeResult =
  | { ok: true; payload: unknown }
  | { ok: false; kind: 'error' | 'timeout' | 'crash'; errorType: string; errorMessage: string };

/** `arn:aws:lambda:<region>:<account>:function:<name>`, as AWS writes it. */
export function lambdaFunctionArn(region: string, accountId: string, functionName: string): string {
  return `arn:aws:lambda:${region}:${accountId}:function:${functionName}`;
}

/** The function name inside a function ARN (also accepts a bare name, a qualified ARN, or a partial ARN). */
export function functionNameOf(arnOrName: string): string {
  const match = /^(?:arn:[^:]+:lambda:[^:]*:[^:]*:)?function:([^:]+)(?::[^:]+)?$/.exec(arnOrName);
  return match?.[1] ?? arnOrName;
}
