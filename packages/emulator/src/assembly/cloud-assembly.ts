import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CloudAssemblyReadError } from './assembly-error.js';

/** A CloudFormation template as `cdk synth` writes it (only the sections the emulator reads). */
export interface CloudFormationTemplate {
  Parameters?: Record<string, TemplateParameter>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  Conditions?: Record<string, unknown>;
  Resources: Record<string, TemplateResource>;
  Outputs?: Record<string, TemplateOutput>;
}

export interface TemplateParameter {
  Type: string;
  Default?: unknown;
}

export interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
  DependsOn?: string | string[];
  Condition?: string;
}

export interface TemplateOutput {
  Value: unknown;
  Description?: string;
  Condition?: string;
  Export?: { Name: unknown };
}

/** One stack of the assembly: its template and where its files are. */
export interface CloudAssemblyStack {
  /** Artifact id in manifest.json. */
  artifactId: string;
  /** The CloudFormation stack name (what `cdk deploy --outputs-file` uses as the key). */
  stackName: string;
  /** Absolute path of the template file. */
  templateFile: string;
  template: CloudFormationTemplate;
  /** The region from the artifact's environment, when it names a concrete one. */
  region?: string;
  /** Parameter values the manifest passes to the stack. */
  parameters: Record<string, string>;
  /** Artifact ids of stacks that must be deployed first. */
  dependencies: string[];
  /** Absolute path of the folder that holds this stack's assets (the assembly folder). */
  assemblyDir: string;
}

/** A `cdk.out` folder read into memory, stacks in deployment order. */
export interface CloudAssembly {
  dir: string;
  stacks: CloudAssemblyStack[];
}

interface ManifestArtifact {
  type?: string;
  environment?: string;
  properties?: {
    templateFile?: string;
    stackName?: string;
    parameters?: Record<string, string>;
    directoryName?: string;
  };
  dependencies?: string[];
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new CloudAssemblyReadError(`Cannot read ${what} at ${file}`, { cause });
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new CloudAssemblyReadError(`${what} at ${file} is not valid JSON`, { cause });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function regionOf(environment: string | undefined): string | undefined {
  // `aws://<account>/<region>`; CDK writes `unknown-region` for environment-agnostic stacks.
  const match = environment === undefined ? null : /^aws:\/\/[^/]*\/(.+)$/.exec(environment);
  const region = match?.[1];
  return region === undefined || region.startsWith('unknown-') ? undefined : region;
}

/**
 * Reads the cloud assembly that `cdk synth` wrote to `dir` (manifest.json, the stack templates, nested
 * assemblies of CDK stages) and returns its CloudFormation stacks in deployment order.
 *
 * @throws CloudAssemblyReadError when the folder has no manifest, a template is missing or malformed.
 */
export function readCloudAssembly(dir: string): CloudAssembly {
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new CloudAssemblyReadError(`Cloud assembly folder ${root} does not exist (run cdk synth first)`);
  }
  const stacks: CloudAssemblyStack[] = [];
  collectStacks(root, stacks);
  if (stacks.length === 0) {
    throw new CloudAssemblyReadError(`Cloud assembly ${root} holds no CloudFormation stack`);
  }
  return { dir: root, stacks: orderStacks(stacks) };
}

function collectStacks(assemblyDir: string, into: CloudAssemblyStack[]): void {
  const manifestFile = join(assemblyDir, 'manifest.json');
  const manifest = readJson(manifestFile, 'Cloud assembly manifest');
  if (!isRecord(manifest) || !isRecord(manifest.artifacts)) {
    throw new CloudAssemblyReadError(`Cloud assembly manifest ${manifestFile} has no "artifacts" object`);
  }
  for (const [artifactId, raw] of Object.entries(manifest.artifacts)) {
    if (!isRecord(raw)) continue;
    const artifact = raw as ManifestArtifact;
    if (artifact.type === 'cdk:cloud-assembly' && artifact.properties?.directoryName !== undefined) {
      // A CDK Stage: its stacks live in a nested assembly.
      collectStacks(join(assemblyDir, artifact.properties.directoryName), into);
      continue;
    }
    if (artifact.type !== 'aws:cloudformation:stack') continue;
    const templateName = artifact.properties?.templateFile;
    if (templateName === undefined) {
      throw new CloudAssemblyReadError(`Stack artifact ${artifactId} in ${manifestFile} has no templateFile`);
    }
    const templateFile = join(assemblyDir, templateName);
    const template = readJson(templateFile, `Template of stack ${artifactId}`);
    if (!isRecord(template) || !isRecord(template.Resources)) {
      throw new CloudAssemblyReadError(`Template ${templateFile} has no "Resources" object`);
    }
    for (const [logicalId, resource] of Object.entries(template.Resources)) {
      if (!isRecord(resource) || typeof resource.Type !== 'string') {
        throw new CloudAssemblyReadError(`Resource ${logicalId} in ${templateFile} has no "Type"`);
      }
    }
    const region = regionOf(artifact.environment);
    into.push({
      artifactId,
      stackName: artifact.properties?.stackName ?? artifactId,
      templateFile,
      template: template as unknown as CloudFormationTemplate,
      ...(region === undefined ? {} : { region }),
      parameters: artifact.properties?.parameters ?? {},
      dependencies: artifact.dependencies ?? [],
      assemblyDir,
    });
  }
}

/** Stacks sorted so that each comes after the stacks it depends on (the order `cdk deploy --all` uses). */
function orderStacks(stacks: CloudAssemblyStack[]): CloudAssemblyStack[] {
  const byId = new Map(stacks.map((s) => [s.artifactId, s]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const ordered: CloudAssemblyStack[] = [];
  const visit = (stack: CloudAssemblyStack): void => {
    if (done.has(stack.artifactId)) return;
    if (visiting.has(stack.artifactId)) {
      throw new CloudAssemblyReadError(`Stacks depend on each other in a cycle through ${stack.artifactId}`);
    }
    visiting.add(stack.artifactId);
    for (const dep of stack.dependencies) {
      const other = byId.get(dep);
      // Dependencies on asset artifacts are not stacks; only stack order matters here.
      if (other !== undefined) visit(other);
    }
    visiting.delete(stack.artifactId);
    done.add(stack.artifactId);
    ordered.push(stack);
  };
  for (const stack of stacks) visit(stack);
  return ordered;
}

/**
 * The folder holding a resource's asset (a Lambda function's code), from the `aws:asset:path` metadata that
 * CDK writes on the resource. Returns undefined when the resource carries no asset metadata.
 */
export function assetPathOf(stack: CloudAssemblyStack, resource: TemplateResource): string | undefined {
  const path = resource.Metadata?.['aws:asset:path'];
  return typeof path === 'string' ? resolve(stack.assemblyDir, path) : undefined;
}
