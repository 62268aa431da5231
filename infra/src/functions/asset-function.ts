import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { API_BUNDLE_HANDLER } from './api-assets.js';

/** Settings of a Lambda function deployed from a pre-built bundle folder. */
export interface AssetFunctionProps {
  /** Folder holding `index.mjs`, uploaded as it is. */
  readonly assetDir: string;
  readonly description: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly logRetention: RetentionDays;
  /** What happens to the log group when the stack is deleted. */
  readonly removalPolicy: RemovalPolicy;
  /** Default 10 seconds: well under API Gateway's 29-second integration limit. */
  readonly timeout?: Duration;
  /** Default 512 MB; on arm64 this also buys CPU for cold starts. */
  readonly memorySize?: number;
}

/**
 * A Node.js Lambda function on arm64 from a bundle folder, with its own log group and a role that may write to
 * that log group and nothing else. Callers grant it any further access explicitly (e.g. `table.grantReadWriteData`).
 */
export class AssetFunction extends Construct {
  readonly function: LambdaFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: AssetFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    // An explicit role instead of AWSLambdaBasicExecutionRole, whose logs:* applies to every log group.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: props.description,
    });
    this.logGroup.grantWrite(this.role);
    this.function = new LambdaFunction(this, 'Function', {
      description: props.description,
      // The newest Node.js runtime this CDK version offers; the bundles target Node 20+, so any newer one runs them.
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      handler: API_BUNDLE_HANDLER,
      code: Code.fromAsset(props.assetDir),
      environment: { ...props.environment },
      timeout: props.timeout ?? Duration.seconds(10),
      memorySize: props.memorySize ?? 512,
      role: this.role,
      logGroup: this.logGroup,
    });
  }
}
