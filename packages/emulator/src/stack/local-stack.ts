import { chmodSync, existsSync, mkdirSync, rmSync, statSync, watch, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ApiGateway, GatewayUserPool } from '../apigateway/index.js';
import { createApiGateway } from '../apigateway/index.js';
import { TemplateResolutionError } from '../assembly/assembly-error.js';
import {
  assetPathOf,
  type CloudAssemblyStack,
  readCloudAssembly,
  type TemplateResource,
} from '../assembly/cloud-assembly.js';
import type { ResolvedResource } from '../assembly/resolved-resource.js';
import { orderResources, type ResourceIdentity, TemplateResolver } from '../assembly/template-resolver.js';
import { CognitoService, describeOutboxMessage, startCognitoServer } from '../cognito/index.js';
import type { LocalCredentials } from '../cognito/sigv4-verifier.js';
import { type DynamoDbServer, startDynamoDbServer } from '../dynamodb/dynamodb-server.js';
import { createTableInput, provisionTable } from '../dynamodb/table-provisioner.js';
import { lambdaFunctionArn } from '../lambda/lambda-function.js';
import { LambdaRuntime } from '../lambda/lambda-runtime.js';
import { childLogger, createConsoleLogger, type EmulatorLogger } from '../logger.js';
import { writeFileAtomic } from './atomic-file.js';
import { CognitoProvisioner } from './cognito-provisioner.js';
import { generatedApiGatewayId, generatedName } from './physical-id.js';
import { API_GATEWAY_ID_LENGTH, EMULATED_TYPES, placeholderAttributes } from './resource-types.js';
import { StackState } from './stack-state.js';
import { lockStateDir } from './state-dir-lock.js';

/** The account id every local ARN carries. */
export const LOCAL_ACCOUNT_ID = '000000000000';
/** The region used when the assembly's stacks are environment-agnostic. */
export const DEFAULT_REGION = 'us-east-1';

export interface LocalStackPorts {
  /** 0 = any free port (the default for each). */
  cognito?: number;
  apigateway?: number;
  dynamodb?: number;
}

export interface LocalStackOptions {
  /** The `cdk.out` folder. */
  assemblyDir: string;
  /** Where pools, users, tables, data and outputs are kept between runs. */
  stateDir: string;
  ports?: LocalStackPorts;
  /** Address every service listens on. Default 127.0.0.1; anything else is announced loudly. */
  host?: string;
  /** Start from an empty state (the emulator's files in the state directory are removed first). */
  reset?: boolean;
  log?: EmulatorLogger;
  /** Issuer the local Cognito writes into tokens: AWS's format (default) or the local server's URL. */
  cognitoIssuer?: 'aws' | 'local';
  /** Instances per Lambda function at most (default 10). */
  maxLambdaInstances?: number;
  /** Re-apply the assembly whenever a new `cdk synth` rewrites it (new function code, changed template). */
  watch?: boolean;
  /**
   * Strict mode: the local Cognito verifies the SigV4 signature of admin operations against this key, and
   * Lambda functions get it as their credentials. Without it any well-formed signature is accepted.
   */
  credentials?: LocalCredentials;
}

/** Where each local service listens (`<stateDir>/endpoints.json`). */
export interface LocalEndpoints {
  cognito: string;
  apigateway: string;
  dynamodb: string;
}

/** A running local stack. */
export interface LocalStack {
  /** Stack name → output name → value, as `cdk deploy --outputs-file` writes, with local URLs. */
  readonly outputs: Record<string, Record<string, string>>;
  endpoints: LocalEndpoints;
  cognito: CognitoService;
  lambda: LambdaRuntime;
  /** Every provisioned resource, resolved. */
  readonly resources: ResolvedResource[];
  /**
   * Applies the assembly as it now is on disk, in place (what `watch` does on each new synth). A failure is
   * logged and leaves the running stack as it was.
   */
  reload(): Promise<void>;
  /** Stops every service; the state directory keeps everything. */
  stop(): Promise<void>;
}

/** Files and folders of the state directory that belong to the emulator (what `reset` removes). */
const STATE_ENTRIES = [
  'dynamodb',
  'cognito.sqlite',
  'cognito.sqlite-wal',
  'cognito.sqlite-shm',
  'stack-state.json',
  'outputs.json',
  'endpoints.json',
  'lambda-inline',
];

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** Raised when a service cannot listen on the port asked for. */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
}

/** Awaits a service's start, turning "address in use" into a message that names the service and its flag. */
async function listening<T>(
  service: string,
  flag: string,
  port: number | undefined,
  started: Promise<T>,
): Promise<T> {
  try {
    return await started;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      throw new PortInUseError(
        `${service} cannot listen on port ${port ?? 0} (${code === 'EADDRINUSE' ? 'already in use' : 'not allowed'}); stop what uses it, or choose another port with ${flag} (0 = any free port)`,
        { cause: err },
      );
    }
    throw err;
  }
}

/** A URL a client on this machine can use for a server bound to `url`'s host. */
function reachable(url: string): string {
  return url.replace(/^http:\/\/(0\.0\.0\.0|\[::\])/, 'http://127.0.0.1');
}

function stringValue(value: unknown): string {
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

/**
 * Runs a synthesized CDK app (a cloud assembly) on this machine: Cognito user pools, DynamoDB tables on
 * dynalite, Lambda functions in worker threads, and the API Gateway REST APIs with their Cognito
 * authorizers. Identities are stable across runs with the same state directory. When ready, writes
 * `<stateDir>/outputs.json` and `<stateDir>/endpoints.json` and logs `Local stack ready`.
 *
 * @example
 * const stack = await startLocalStack({ assemblyDir: 'infra/cdk.out', stateDir: '.local' });
 * console.log(stack.outputs, stack.endpoints);
 * await stack.stop();
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const log = options.log ?? createConsoleLogger('gatehouse');
  const host = options.host ?? '127.0.0.1';
  const stateDir = resolve(options.stateDir);
  const assembly = readCloudAssembly(options.assemblyDir);
  const region = assembly.stacks.find((s) => s.region !== undefined)?.region ?? DEFAULT_REGION;

  if (!LOOPBACK.has(host)) {
    log.warn(
      `!!! Listening on ${host}, not only on this machine: anyone who can reach it can ${options.credentials === undefined ? "use the local Cognito's admin operations (any AWS credentials are accepted) and " : ''}read or change the data. Use --host 127.0.0.1 unless you mean it. !!!`,
    );
  }
  // The state directory holds the pools' private signing keys and the users: only its owner may enter it,
  // whatever the umask (another user of the machine could otherwise read the keys and mint tokens).
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  try {
    chmodSync(stateDir, 0o700);
  } catch (err) {
    log.warn(
      `Could not make ${stateDir} private to its owner (${(err as NodeJS.ErrnoException).code ?? 'error'}): other users of this machine may read its signing keys`,
    );
  }
  const unlock = lockStateDir(stateDir);
  if (options.reset === true) {
    for (const entry of STATE_ENTRIES) rmSync(join(stateDir, entry), { recursive: true, force: true });
    log.info(`State in ${stateDir} reset`);
  }
  let state: StackState;
  try {
    state = StackState.load(stateDir);
  } catch (err) {
    unlock();
    throw err;
  }

  const stoppers: Array<() => Promise<void> | void> = [unlock];
  const stopAll = async (): Promise<void> => {
    for (const stop of stoppers.splice(0).reverse()) {
      try {
        await stop();
      } catch (err) {
        log.warn(`While stopping: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  };

  try {
    const dynamo: DynamoDbServer = await listening(
      'DynamoDB',
      '--dynamodb-port',
      options.ports?.dynamodb,
      startDynamoDbServer({ path: join(stateDir, 'dynamodb'), host, port: options.ports?.dynamodb ?? 0 }),
    );
    stoppers.push(() => dynamo.close());
    const dynamoUrl = reachable(dynamo.url);
    const dynamoClient = new DynamoDBClient({
      endpoint: dynamoUrl,
      region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    stoppers.push(() => dynamoClient.destroy());

    // The runtime is created before Cognito so triggers can be wired; functions are registered as they
    // are provisioned, before the pools that name them (the template's order guarantees it).
    let runtime: LambdaRuntime | undefined;
    const cognito = CognitoService.open({
      database: join(stateDir, 'cognito.sqlite'),
      region,
      issuer: options.cognitoIssuer ?? 'aws',
      log: childLogger(log, 'cognito'),
      invokeTrigger: async (functionArn, event) => {
        if (runtime === undefined) throw new Error('The Lambda runtime is not running');
        const result = await runtime.invoke(functionArn, event);
        // Cognito quotes only the function's own message (`PreSignUp failed with error <message>.`).
        if (!result.ok) throw new Error(result.errorMessage);
        return result.payload;
      },
    });
    stoppers.push(() => cognito.close());
    const cognitoServer = await listening(
      'Cognito',
      '--cognito-port',
      options.ports?.cognito,
      startCognitoServer({
        service: cognito,
        host,
        port: options.ports?.cognito ?? 0,
        ...(options.credentials === undefined ? {} : { credentials: [options.credentials] }),
      }),
    );
    stoppers.push(() => cognitoServer.close());
    const cognitoUrl = reachable(cognitoServer.url);

    runtime = new LambdaRuntime({
      region,
      log: childLogger(log, 'lambda'),
      baseEnvironment: {
        AWS_ENDPOINT_URL_DYNAMODB: dynamoUrl,
        AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognitoUrl,
      },
      ...(options.maxLambdaInstances === undefined
        ? {}
        : { maxInstancesPerFunction: options.maxLambdaInstances }),
      ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
    });
    const lambda = runtime;
    stoppers.push(() => lambda.close());

    const cognitoProvisioner = new CognitoProvisioner({
      cognito,
      region,
      accountId: LOCAL_ACCOUNT_ID,
      log: childLogger(log, 'cognito'),
    });
    const provision = async (stacks: CloudAssemblyStack[]) => {
      const provisioner = new StackProvisioner({
        state,
        stateDir,
        region,
        log,
        dynamoClient,
        runtime: lambda,
        cognito: cognitoProvisioner,
      });
      const rawOutputs = await provisioner.provisionAll(stacks);
      return { provisioner, rawOutputs };
    };
    const apiResourcesOf = (resources: ResolvedResource[]) =>
      resources.filter((r) => r.type.startsWith('AWS::ApiGateway::'));

    const first = await provision(assembly.stacks);
    let resources = first.provisioner.resources;
    const gateway: ApiGateway = createApiGateway({
      resources: apiResourcesOf(resources),
      invokeLambda: (arn, event) => lambda.invoke(arn, event),
      userPool: (arn) => userPoolFor(cognito, arn),
      region,
      accountId: LOCAL_ACCOUNT_ID,
      log: childLogger(log, 'apigateway'),
    });
    const gatewayAddress = await listening(
      'API Gateway',
      '--api-port',
      options.ports?.apigateway,
      gateway.listen(options.ports?.apigateway ?? 0, host),
    );
    stoppers.push(() => gateway.close());
    const apiUrl = reachable(gatewayAddress.url);

    /** Outputs with local URLs, written to outputs.json. */
    const publish = (rawOutputs: Record<string, Record<string, string>>) => {
      const localized: Record<string, Record<string, string>> = {};
      for (const [stackName, values] of Object.entries(rawOutputs)) {
        localized[stackName] = {};
        for (const [name, value] of Object.entries(values)) {
          (localized[stackName] as Record<string, string>)[name] = localizeApiUrls(value, gateway, log);
        }
      }
      writeFileAtomic(join(stateDir, 'outputs.json'), `${JSON.stringify(localized, null, 2)}\n`);
      return localized;
    };
    let outputs = publish(first.rawOutputs);
    const endpoints: LocalEndpoints = { cognito: cognitoUrl, apigateway: apiUrl, dynamodb: dynamoUrl };
    writeFileAtomic(join(stateDir, 'endpoints.json'), `${JSON.stringify(endpoints, null, 2)}\n`);

    const unsubscribe = cognito.outbox.subscribe((message) => log.info(describeOutboxMessage(message)));
    stoppers.push(unsubscribe);

    first.provisioner.reportNotEmulated();
    log.info(`Cognito      ${cognitoUrl}`);
    log.info(`API Gateway  ${apiUrl}`);
    log.info(`DynamoDB     ${dynamoUrl}`);
    const printOutputs = () => {
      for (const [stackName, values] of Object.entries(outputs)) {
        for (const [name, value] of Object.entries(values)) log.info(`${stackName}.${name} = ${value}`);
      }
    };
    printOutputs();
    log.info(`Local stack ready (state in ${stateDir}; outputs in ${join(stateDir, 'outputs.json')})`);

    /** Applies the assembly as it is now on disk (after a new `cdk synth`), in place, as CloudFormation would. */
    const reload = async (): Promise<void> => {
      const next = readCloudAssembly(options.assemblyDir);
      const result = await provision(next.stacks);
      resources = result.provisioner.resources;
      const functions = new Set(
        resources.filter((r) => r.type === 'AWS::Lambda::Function').map((r) => r.physicalId),
      );
      for (const name of lambda.functionNames()) {
        if (!functions.has(name)) {
          lambda.unregister(name);
          log.info(`Lambda function ${name} removed (no longer in the template)`);
        }
      }
      gateway.update(apiResourcesOf(resources));
      outputs = publish(result.rawOutputs);
      printOutputs();
      log.info('Local stack updated from the new assembly');
    };
    let reloading: Promise<void> = Promise.resolve();
    const queueReload = (): Promise<void> => {
      reloading = reloading.then(reload).catch((err: unknown) => {
        log.error(
          `The new assembly could not be applied; the stack keeps running as before: ${err instanceof Error ? err.message : String(err)}`,
        );
      });
      return reloading;
    };
    if (options.watch === true) {
      const watcher = watchAssembly(assembly.dir, () => void queueReload());
      stoppers.push(() => watcher.close());
      log.info(`Watching ${assembly.dir} for a new synth`);
    }

    let stopped: Promise<void> | undefined;
    return {
      get outputs() {
        return outputs;
      },
      endpoints,
      cognito,
      lambda,
      get resources() {
        return resources;
      },
      reload: queueReload,
      stop: () => {
        stopped ??= stopAll();
        return stopped;
      },
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/**
 * Calls `onChange` (debounced) when `cdk synth` rewrites the assembly's manifest or a template. Synth writes
 * several files in a row, so the change is acted on once the folder has been quiet for a moment.
 */
function watchAssembly(dir: string, onChange: () => void): { close(): void } {
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(dir, (_event, file) => {
    if (file !== null && file !== 'manifest.json' && !file.endsWith('.template.json')) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, 400);
  });
  watcher.on('error', () => {
    // The folder went away mid-synth; the next start will read it again.
  });
  return {
    close: () => {
      clearTimeout(timer);
      watcher.close();
    },
  };
}

function userPoolFor(cognito: CognitoService, arn: string): GatewayUserPool | undefined {
  const userPoolId = /userpool\/(.+)$/.exec(arn)?.[1];
  if (userPoolId === undefined) return undefined;
  try {
    return { userPoolId, issuer: cognito.issuer(userPoolId), jwks: cognito.jwks(userPoolId) };
  } catch {
    return undefined;
  }
}

const EXECUTE_API_URL = /https:\/\/([a-z0-9]+)\.execute-api\.[a-z0-9-]+\.amazonaws\.com\/([^/\s]+)\/?/g;

/** Replaces every `https://<id>.execute-api.<region>.amazonaws.com/<stage>/` in an output by the local URL. */
function localizeApiUrls(value: string, gateway: ApiGateway, log: EmulatorLogger): string {
  return value.replace(EXECUTE_API_URL, (url, restApiId: string, stage: string) => {
    try {
      return reachable(gateway.localUrl(restApiId, stage));
    } catch (err) {
      log.warn(
        `Output URL ${url} has no local equivalent: ${err instanceof Error ? err.message : String(err)}`,
      );
      return url;
    }
  });
}

interface StackProvisionerOptions {
  state: StackState;
  stateDir: string;
  region: string;
  log: EmulatorLogger;
  dynamoClient: DynamoDBClient;
  runtime: LambdaRuntime;
  cognito: CognitoProvisioner;
}

/** Walks the assembly's stacks in order and provisions each resource, as CloudFormation would. */
class StackProvisioner {
  readonly resources: ResolvedResource[] = [];
  private readonly exports = new Map<string, string>();
  private readonly notEmulated = new Map<string, number>();

  constructor(private readonly o: StackProvisionerOptions) {}

  async provisionAll(stacks: CloudAssemblyStack[]): Promise<Record<string, Record<string, string>>> {
    const outputs: Record<string, Record<string, string>> = {};
    for (const stack of stacks) outputs[stack.stackName] = await this.provisionStack(stack);
    return outputs;
  }

  private async provisionStack(stack: CloudAssemblyStack): Promise<Record<string, string>> {
    const identities = new Map<string, ResourceIdentity>();
    const resolver = new TemplateResolver({
      stackName: stack.stackName,
      region: this.o.region,
      accountId: LOCAL_ACCOUNT_ID,
      template: stack.template,
      parameterValues: stack.parameters,
      resource: (id) => identities.get(id),
      exports: this.exports,
    });
    for (const logicalId of orderResources(stack.template, stack.stackName)) {
      const resource = stack.template.Resources[logicalId];
      if (resource === undefined) continue;
      if (
        resource.Condition !== undefined &&
        !resolver.condition(resource.Condition, `${logicalId}.Condition`)
      ) {
        continue;
      }
      if (!EMULATED_TYPES.has(resource.Type)) {
        this.notEmulated.set(resource.Type, (this.notEmulated.get(resource.Type) ?? 0) + 1);
        const physicalId = this.recordedOrNew(stack, logicalId, resource.Type, () =>
          resource.Type.startsWith('AWS::ApiGateway::')
            ? generatedApiGatewayId(6)
            : generatedName(stack.stackName, logicalId, 64),
        );
        identities.set(logicalId, {
          physicalId,
          attributes: placeholderAttributes(resource.Type, physicalId, this.o.region, LOCAL_ACCOUNT_ID),
        });
        // Other API Gateway types (models, validators...) still go to the gateway, which may use them.
        if (resource.Type.startsWith('AWS::ApiGateway::')) {
          let properties: Record<string, unknown> = {};
          try {
            properties = this.resolveProperties(resolver, logicalId, resource.Properties);
          } catch (err) {
            // Not emulated: a property that cannot be resolved here must not stop the stack.
            this.o.log.warn(`${err instanceof Error ? err.message : String(err)} (not emulated; ignored)`);
          }
          this.resources.push({ logicalId, type: resource.Type, properties, physicalId, attributes: {} });
        }
        continue;
      }
      const properties = this.resolveProperties(resolver, logicalId, resource.Properties);
      let identity: ResourceIdentity & { persisted?: Record<string, string> };
      try {
        identity = await this.provision(stack, logicalId, resource.Type, properties, resource);
      } catch (err) {
        if (err instanceof TemplateResolutionError) throw err;
        throw new Error(
          `Cannot provision ${stack.stackName}/${logicalId} (${resource.Type}): ${err instanceof Error ? err.message : String(err)}`,
          { cause: err },
        );
      }
      identities.set(logicalId, identity);
      this.o.state.set(stack.stackName, logicalId, {
        type: resource.Type,
        physicalId: identity.physicalId,
        attributes: identity.persisted ?? identity.attributes,
      });
      // Saved after every resource, so a failure part-way never forgets what was already created.
      this.o.state.save();
      this.resources.push({
        logicalId,
        type: resource.Type,
        properties,
        physicalId: identity.physicalId,
        attributes: identity.attributes,
      });
    }
    this.o.state.save();

    const outputs: Record<string, string> = {};
    for (const [name, output] of Object.entries(stack.template.Outputs ?? {})) {
      if (
        output.Condition !== undefined &&
        !resolver.condition(output.Condition, `Outputs.${name}.Condition`)
      ) {
        continue;
      }
      const value = stringValue(resolver.resolve(output.Value, `Outputs.${name}.Value`));
      outputs[name] = value;
      if (output.Export?.Name !== undefined) {
        this.exports.set(
          stringValue(resolver.resolve(output.Export.Name, `Outputs.${name}.Export.Name`)),
          value,
        );
      }
    }
    return outputs;
  }

  private resolveProperties(
    resolver: TemplateResolver,
    logicalId: string,
    properties: Record<string, unknown> | undefined,
  ): Record<string, unknown> {
    return (resolver.resolve(properties ?? {}, `${logicalId}.Properties`) ?? {}) as Record<string, unknown>;
  }

  private recordedOrNew(
    stack: CloudAssemblyStack,
    logicalId: string,
    type: string,
    make: () => string,
  ): string {
    const recorded = this.o.state.get(stack.stackName, logicalId, type);
    if (recorded !== undefined) return recorded.physicalId;
    const physicalId = make();
    this.o.state.set(stack.stackName, logicalId, { type, physicalId, attributes: {} });
    return physicalId;
  }

  private async provision(
    stack: CloudAssemblyStack,
    logicalId: string,
    type: string,
    properties: Record<string, unknown>,
    resource: TemplateResource,
  ): Promise<ResourceIdentity & { persisted?: Record<string, string> }> {
    const { region } = this.o;
    const recorded = this.o.state.get(stack.stackName, logicalId, type);
    const named = (property: string, maxLength: number): string =>
      typeof properties[property] === 'string'
        ? (properties[property] as string)
        : (recorded?.physicalId ?? generatedName(stack.stackName, logicalId, maxLength));

    switch (type) {
      case 'AWS::DynamoDB::Table': {
        const tableName = named('TableName', 255);
        const { streamArn } = await provisionTable(
          this.o.dynamoClient,
          createTableInput(tableName, properties),
          childLogger(this.o.log, 'dynamodb'),
        );
        return {
          physicalId: tableName,
          attributes: {
            Arn: `arn:aws:dynamodb:${region}:${LOCAL_ACCOUNT_ID}:table/${tableName}`,
            ...(streamArn === undefined ? {} : { StreamArn: streamArn }),
          },
        };
      }
      case 'AWS::Lambda::Function': {
        const functionName = named('FunctionName', 64);
        if (Array.isArray(properties.Layers) && properties.Layers.length > 0) {
          this.o.log.warn(
            `${logicalId}: Lambda layers are not emulated; the function runs with its own code only`,
          );
        }
        const functionArn = lambdaFunctionArn(region, LOCAL_ACCOUNT_ID, functionName);
        const codeDir = this.codeDirOf(stack, logicalId, functionName, properties, resource);
        const environment = ((properties.Environment as { Variables?: Record<string, unknown> } | undefined)
          ?.Variables ?? {}) as Record<string, unknown>;
        this.o.runtime.register({
          functionName,
          functionArn,
          handler: typeof properties.Handler === 'string' ? properties.Handler : 'index.handler',
          runtime: typeof properties.Runtime === 'string' ? properties.Runtime : 'nodejs20.x',
          codeDir,
          environment: Object.fromEntries(Object.entries(environment).map(([k, v]) => [k, stringValue(v)])),
          // AWS's defaults when the template leaves them out.
          timeoutSeconds: properties.Timeout === undefined ? 3 : Number(properties.Timeout),
          memoryMb: properties.MemorySize === undefined ? 128 : Number(properties.MemorySize),
        });
        return { physicalId: functionName, attributes: { Arn: functionArn } };
      }
      case 'AWS::Cognito::UserPool': {
        const pool = await this.o.cognito.userPool(logicalId, properties, recorded, () =>
          generatedName(stack.stackName, logicalId, 128),
        );
        return pool;
      }
      case 'AWS::Cognito::UserPoolClient': {
        const client = await this.o.cognito.userPoolClient(logicalId, properties, recorded);
        return {
          physicalId: client.physicalId,
          attributes: { ...client.attributes, ...client.secretAttributes },
          persisted: client.attributes,
        };
      }
      case 'AWS::Cognito::UserPoolGroup':
        return this.o.cognito.userPoolGroup(logicalId, properties, recorded, () =>
          generatedName(stack.stackName, logicalId, 128),
        );
      case 'AWS::ApiGateway::Stage':
        if (typeof properties.StageName !== 'string') {
          throw new TemplateResolutionError(
            `${stack.stackName}/${logicalId}.Properties.StageName`,
            'StageName is required',
          );
        }
        return { physicalId: properties.StageName, attributes: {} };
      default: {
        // The other API Gateway types: stable ids of API Gateway's shape.
        const physicalId = recorded?.physicalId ?? generatedApiGatewayId(API_GATEWAY_ID_LENGTH[type] ?? 6);
        const attributes: Record<string, string> =
          type === 'AWS::ApiGateway::RestApi'
            ? {
                RootResourceId: recorded?.attributes.RootResourceId ?? generatedApiGatewayId(10),
                RestApiId: physicalId,
              }
            : type === 'AWS::ApiGateway::Resource'
              ? { ResourceId: physicalId }
              : type === 'AWS::ApiGateway::Authorizer'
                ? { AuthorizerId: physicalId }
                : type === 'AWS::ApiGateway::Deployment'
                  ? { DeploymentId: physicalId }
                  : {};
        return { physicalId, attributes };
      }
    }
  }

  private codeDirOf(
    stack: CloudAssemblyStack,
    logicalId: string,
    functionName: string,
    properties: Record<string, unknown>,
    resource: TemplateResource,
  ): string {
    const code = (properties.Code ?? {}) as Record<string, unknown>;
    if (typeof code.ZipFile === 'string') {
      // Inline code: Lambda stores it as index.js (CommonJS) in the function's folder.
      const dir = join(this.o.stateDir, 'lambda-inline', functionName);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'index.js'), code.ZipFile);
      return dir;
    }
    const assetDir = assetPathOf(stack, resource);
    if (assetDir === undefined) {
      throw new TemplateResolutionError(
        `${stack.stackName}/${logicalId}.Properties.Code`,
        'the function has neither inline code (ZipFile) nor aws:asset:path metadata naming its asset folder in the assembly',
      );
    }
    if (!existsSync(assetDir) || !statSync(assetDir).isDirectory()) {
      throw new TemplateResolutionError(
        `${stack.stackName}/${logicalId}.Properties.Code`,
        `asset folder ${assetDir} does not exist (synthesize the app again)`,
      );
    }
    return assetDir;
  }

  /** Lists, once, the resource types that are not emulated. */
  reportNotEmulated(): void {
    if (this.notEmulated.size === 0) return;
    const list = [...this.notEmulated.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([type, count]) => (count > 1 ? `${type} ×${count}` : type));
    this.o.log.info(`Not emulated (no effect locally): ${list.join(', ')}`);
  }
}
