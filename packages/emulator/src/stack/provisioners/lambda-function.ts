import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TemplateResolutionError } from '../../assembly/assembly-error.js';
import { assetPathOf } from '../../assembly/cloud-assembly.js';
import { lambdaFunctionArn } from '../../lambda/lambda-function.js';
import type { LambdaRuntime } from '../../lambda/lambda-runtime.js';
import { runsLocally } from '../../lambda/runtime-support.js';
import type { EmulatorLogger } from '../../logger.js';
import type { ProvisionedResource, ProvisionRequest, ResourceProvisioner } from '../resource-provisioner.js';
import { stringValue } from '../string-value.js';

export interface LambdaFunctionProvisionerOptions {
  runtime: Pick<LambdaRuntime, 'register' | 'unregister'>;
  /** Inline code (`ZipFile`) is written under `<stateDir>/lambda-inline/<function name>/`. */
  stateDir: string;
  region: string;
  accountId: string;
  log: EmulatorLogger;
}

/** Lambda's pattern for a function name given without an ARN. */
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** The folder the function's code is in: its asset folder in the assembly, or its inline code written out. */
function codeDirOf(request: ProvisionRequest, functionName: string, stateDir: string): string {
  const { stack, logicalId, properties, resource } = request;
  const where = `${stack.stackName}/${logicalId}.Properties.Code`;
  const code = (properties.Code ?? {}) as Record<string, unknown>;
  if (typeof code.ZipFile === 'string') {
    // Inline code: Lambda stores it as index.js (CommonJS) in the function's folder.
    const dir = join(stateDir, 'lambda-inline', functionName);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.js'), code.ZipFile);
    return dir;
  }
  const assetDir = assetPathOf(stack, resource);
  if (assetDir === undefined) {
    throw new TemplateResolutionError(
      where,
      'the function has neither inline code (ZipFile) nor aws:asset:path metadata naming its asset folder in the assembly',
    );
  }
  if (!existsSync(assetDir) || !statSync(assetDir).isDirectory()) {
    throw new TemplateResolutionError(
      where,
      `asset folder ${assetDir} does not exist (synthesize the app again)`,
    );
  }
  return assetDir;
}

/**
 * `AWS::Lambda::Function` in the local {@link LambdaRuntime}: registering again replaces the configuration
 * (new code, environment, timeout), and a function that leaves the template is unregistered. `Ref` is the
 * function name, `Fn::GetAtt` answers `Arn`.
 */
export function lambdaFunctionProvisioner(options: LambdaFunctionProvisionerOptions): ResourceProvisioner {
  const { region, accountId, log } = options;
  const apply = async (request: ProvisionRequest, recordedName: string | undefined) => {
    const { properties, logicalId } = request;
    const functionName =
      typeof properties.FunctionName === 'string'
        ? properties.FunctionName
        : (recordedName ?? request.generatedName(64));
    // Lambda's own rule for a bare function name. It also keeps a name such as `../x` from writing inline code
    // outside the state directory.
    if (!FUNCTION_NAME.test(functionName)) {
      throw new TemplateResolutionError(
        `${request.stack.stackName}/${logicalId}.Properties.FunctionName`,
        `'${functionName.slice(0, 80)}' is not a valid function name: 1 to 64 letters, digits, hyphens or underscores`,
      );
    }
    const runtime = typeof properties.Runtime === 'string' ? properties.Runtime : 'nodejs20.x';
    // Only for a function that runs here: one of another language never runs, layers or not (the start-up
    // summary lists it as not emulated).
    if (runsLocally(runtime) && Array.isArray(properties.Layers) && properties.Layers.length > 0) {
      log.warn(`${logicalId}: Lambda layers are not emulated; the function runs with its own code only`);
    }
    const functionArn = lambdaFunctionArn(region, accountId, functionName);
    const codeDir = codeDirOf(request, functionName, options.stateDir);
    const environment = ((properties.Environment as { Variables?: Record<string, unknown> } | undefined)
      ?.Variables ?? {}) as Record<string, unknown>;
    options.runtime.register({
      functionName,
      functionArn,
      handler: typeof properties.Handler === 'string' ? properties.Handler : 'index.handler',
      runtime,
      codeDir,
      environment: Object.fromEntries(Object.entries(environment).map(([k, v]) => [k, stringValue(v)])),
      // AWS's defaults when the template leaves them out.
      timeoutSeconds: properties.Timeout === undefined ? 3 : Number(properties.Timeout),
      memoryMb: properties.MemorySize === undefined ? 128 : Number(properties.MemorySize),
    });
    return { physicalId: functionName, attributes: { Arn: functionArn } } satisfies ProvisionedResource;
  };
  return {
    create: (request) => apply(request, undefined),
    update: (request) => apply(request, request.recorded.physicalId),
    delete: async ({ physicalId }) => {
      options.runtime.unregister(physicalId);
      log.info(`Lambda function ${physicalId} removed (no longer in the template)`);
    },
  };
}
