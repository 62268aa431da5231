import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ApiGateway, GatewayUserPool } from '../apigateway/index.js';
import { createApiGateway } from '../apigateway/index.js';
import { readCloudAssembly } from '../assembly/cloud-assembly.js';
import type { ResolvedResource } from '../assembly/resolved-resource.js';
import { CognitoService, describeOutboxMessage, startCognitoServer } from '../cognito/index.js';
import type { LocalCredentials } from '../cognito/sigv4-verifier.js';
import { type DynamoDbServer, startDynamoDbServer } from '../dynamodb/dynamodb-server.js';
import { createDevConsole, type LogFormat } from '../lambda/dev-console.js';
import { LambdaRuntime } from '../lambda/lambda-runtime.js';
import { childLogger, createConsoleLogger, type EmulatorLogger } from '../logger.js';
import { startAuthServer } from '../oauth/index.js';
import { watchAssembly } from './assembly-watcher.js';
import { writeFileAtomic } from './atomic-file.js';
import { localizeApiUrls, localizeAuthDomainUrls } from './local-urls.js';
import { createProvisionerRegistry } from './provisioner-registry.js';
import { isApiGatewayType } from './provisioners/api-gateway.js';
import { listening, reachable } from './service-listening.js';
import { reportNotEmulated, StackDeployer } from './stack-deployer.js';
import { StackState } from './stack-state.js';
import { lockStateDir } from './state-dir-lock.js';

/** The account id every local ARN carries. */
export const LOCAL_ACCOUNT_ID = '000000000000';
/** The region used when the assembly's stacks are environment-agnostic. */
export const DEFAULT_REGION = 'us-east-1';

export interface LocalStackPorts {
  /** 0 = any free port (the default for each). */
  cognito?: number;
  /** The OAuth 2.0 server and managed login pages of the user pool domains. */
  auth?: number;
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
  /**
   * `pretty`: one readable line per request and functions' log records as `LEVEL message key=value`, printed
   * after the responses in hand are sent; `json` (default): functions' lines as they wrote them.
   */
  logFormat?: LogFormat;
  /** Draw the `pretty` console in colour. Default false. */
  color?: boolean;
  /** Instances per Lambda function at most (default: the runtime's `DEFAULT_MAX_INSTANCES`, one per core). */
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
  /** The OAuth 2.0 server's base URL; each user pool domain is served at `<auth>/<domain>`. */
  auth: string;
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
      startDynamoDbServer({
        path: join(stateDir, 'dynamodb'),
        host,
        port: options.ports?.dynamodb ?? 0,
        // Failures of the transaction layer, and a DynamoDB that stopped; a caller's own errors are answered.
        log: (message) => log.error(`DynamoDB: ${message}`),
      }),
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
    const authServer = await listening(
      'OAuth 2.0',
      '--auth-port',
      options.ports?.auth,
      startAuthServer({ cognito, host, port: options.ports?.auth ?? 0, log: childLogger(log, 'oauth') }),
    );
    stoppers.push(() => authServer.close());
    const authUrl = reachable(authServer.url);

    const devConsole =
      options.logFormat === 'pretty' ? createDevConsole(log, { color: options.color === true }) : undefined;
    runtime = new LambdaRuntime({
      region,
      log: childLogger(log, 'lambda'),
      ...(devConsole === undefined
        ? {}
        : { onLogs: devConsole.onLogs, onInvocation: devConsole.onInvocation }),
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

    const deployer = new StackDeployer({
      state,
      registry: createProvisionerRegistry({
        region,
        accountId: LOCAL_ACCOUNT_ID,
        stateDir,
        log,
        cognito,
        dynamodb: dynamoClient,
        lambda,
      }),
      region,
      accountId: LOCAL_ACCOUNT_ID,
      log,
    });
    const apiResourcesOf = (resources: ResolvedResource[]) =>
      resources.filter((r) => isApiGatewayType(r.type));

    const first = await deployer.deploy(assembly.stacks);
    let resources = first.resources;
    const gateway: ApiGateway = createApiGateway({
      resources: apiResourcesOf(resources),
      invokeLambda: (arn, event) => lambda.invoke(arn, event),
      userPool: (arn) => userPoolFor(cognito, arn),
      region,
      accountId: LOCAL_ACCOUNT_ID,
      log:
        devConsole === undefined
          ? childLogger(log, 'apigateway')
          : devConsole.gatewayLogger(childLogger(log, 'apigateway')),
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
          const api = localizeApiUrls(value, gateway, log);
          (localized[stackName] as Record<string, string>)[name] = localizeAuthDomainUrls(
            api,
            authUrl,
            (prefix) => cognito.poolOfDomain(prefix) !== undefined,
            log,
          );
        }
      }
      writeFileAtomic(join(stateDir, 'outputs.json'), `${JSON.stringify(localized, null, 2)}\n`);
      return localized;
    };
    let outputs = publish(first.outputs);
    const endpoints: LocalEndpoints = {
      cognito: cognitoUrl,
      auth: authUrl,
      apigateway: apiUrl,
      dynamodb: dynamoUrl,
    };
    writeFileAtomic(join(stateDir, 'endpoints.json'), `${JSON.stringify(endpoints, null, 2)}\n`);

    const unsubscribe = cognito.outbox.subscribe((message) => log.info(describeOutboxMessage(message)));
    stoppers.push(unsubscribe);

    reportNotEmulated(first, log);
    log.info(`Cognito      ${cognitoUrl}`);
    log.info(`OAuth 2.0    ${authUrl} (each user pool domain at ${authUrl}/<domain>)`);
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
      // Functions that left the template are unregistered by the deployer (their provisioner's delete).
      const result = await deployer.deploy(next.stacks, resources);
      resources = result.resources;
      gateway.update(apiResourcesOf(resources));
      outputs = publish(result.outputs);
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

function userPoolFor(cognito: CognitoService, arn: string): GatewayUserPool | undefined {
  const userPoolId = /userpool\/(.+)$/.exec(arn)?.[1];
  if (userPoolId === undefined) return undefined;
  try {
    return { userPoolId, issuer: cognito.issuer(userPoolId), jwks: cognito.jwks(userPoolId) };
  } catch {
    return undefined;
  }
}
