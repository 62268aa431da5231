import { TemplateResolutionError } from './assembly-error.js';
import type { CloudFormationTemplate } from './cloud-assembly.js';
import { type IntrinsicFunction, intrinsicOf, isRecord } from './intrinsic-functions.js';

// The stack deployer takes the creation order from here, beside the resolver it runs in that order.
export { orderResources, referencedResources } from './resource-order.js';

/** What a provisioned resource answers to `Ref` and `Fn::GetAtt`. */
export interface ResourceIdentity {
  physicalId: string;
  attributes: Record<string, string>;
}

export interface TemplateResolverOptions {
  stackName: string;
  region: string;
  accountId: string;
  template: CloudFormationTemplate;
  /** Values given for the template's parameters (the rest take their `Default`). */
  parameterValues?: Record<string, string>;
  /** Resources provisioned so far, by logical id. */
  resource: (logicalId: string) => ResourceIdentity | undefined;
  /** Values exported by stacks deployed before this one (`Fn::ImportValue`). */
  exports?: ReadonlyMap<string, string>;
}

/** `Ref: AWS::NoValue`: removes the property or list element it stands in. */
const NO_VALUE = Symbol('AWS::NoValue');

/**
 * Resolves CloudFormation intrinsic functions (`Ref`, `Fn::GetAtt`, `Fn::Join`, `Fn::Sub`, `Fn::Select`,
 * `Fn::Split`, `Fn::If` with `Conditions`, `Fn::FindInMap`, `Fn::ImportValue`, ...), parameters with their
 * defaults and the pseudo parameters, against the resources provisioned so far.
 *
 * Every failure is a {@link TemplateResolutionError} naming the resource (or output) and the property path.
 */
export class TemplateResolver {
  private readonly parameters = new Map<string, unknown>();
  private readonly conditionCache = new Map<string, boolean>();

  constructor(private readonly options: TemplateResolverOptions) {
    for (const [name, parameter] of Object.entries(options.template.Parameters ?? {})) {
      const given = options.parameterValues?.[name];
      const value = given ?? parameter.Default;
      if (value === undefined) continue;
      // CloudFormation hands list parameters to Ref as lists, everything else as strings.
      this.parameters.set(
        name,
        parameter.Type === 'CommaDelimitedList' || parameter.Type.startsWith('List<')
          ? String(value).split(',')
          : String(value),
      );
    }
  }

  /** Pseudo parameters as CloudFormation defines them, with local account and region. */
  private pseudo(name: string): unknown {
    const { region, accountId, stackName } = this.options;
    switch (name) {
      case 'AWS::Region':
        return region;
      case 'AWS::AccountId':
        return accountId;
      case 'AWS::StackName':
        return stackName;
      case 'AWS::StackId':
        // Fixed uuid: the stack id must not change between runs, or outputs built from it would.
        return `arn:aws:cloudformation:${region}:${accountId}:stack/${stackName}/00000000-0000-0000-0000-000000000000`;
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::NotificationARNs':
        return [];
      case 'AWS::NoValue':
        return NO_VALUE;
      default:
        return undefined;
    }
  }

  /** Whether the named condition of the template holds. */
  condition(name: string, location = `condition ${name}`): boolean {
    const cached = this.conditionCache.get(name);
    if (cached !== undefined) return cached;
    const definition = this.options.template.Conditions?.[name];
    if (definition === undefined) {
      throw new TemplateResolutionError(
        this.where(location),
        `condition ${name} is not defined in Conditions`,
      );
    }
    const value = this.resolveAt(definition, `Conditions.${name}`);
    if (typeof value !== 'boolean') {
      throw new TemplateResolutionError(
        this.where(`Conditions.${name}`),
        'a condition must evaluate to true or false',
      );
    }
    this.conditionCache.set(name, value);
    return value;
  }

  /**
   * Resolves `value` fully. `location` names where it comes from (`MyTable.Properties`), for error messages.
   * Returns undefined when the whole value is `Ref: AWS::NoValue`.
   */
  resolve(value: unknown, location: string): unknown {
    const result = this.resolveAt(value, location);
    return result === NO_VALUE ? undefined : result;
  }

  private where(location: string): string {
    return `${this.options.stackName}/${location}`;
  }

  private fail(location: string, reason: string): never {
    throw new TemplateResolutionError(this.where(location), reason);
  }

  private resolveAt(value: unknown, at: string): unknown {
    if (Array.isArray(value)) {
      return value.map((item, i) => this.resolveAt(item, `${at}[${i}]`)).filter((item) => item !== NO_VALUE);
    }
    if (!isRecord(value)) return value;
    const fn = intrinsicOf(value);
    if (fn === undefined) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const resolved = this.resolveAt(item, `${at}.${key}`);
        if (resolved !== NO_VALUE) out[key] = resolved;
      }
      return out;
    }
    return this.intrinsics[fn](value[fn], `${at}.${fn}`);
  }

  /**
   * How each intrinsic function resolves its argument (`at` names where it stands). Typed by the list of
   * intrinsic functions, so adding one to the list fails the type check until it has its line here.
   */
  private readonly intrinsics: Readonly<Record<IntrinsicFunction, (arg: unknown, at: string) => unknown>> = {
    Ref: (arg, at) => this.ref(arg, at),
    'Fn::GetAtt': (arg, at) => this.getAtt(arg, at),
    'Fn::Join': (arg, at) => this.join(arg, at),
    'Fn::Sub': (arg, at) => this.sub(arg, at),
    'Fn::Select': (arg, at) => this.select(arg, at),
    'Fn::Split': (arg, at) => this.split(arg, at),
    'Fn::If': (arg, at) => this.if(arg, at),
    'Fn::Equals': (arg, at) => this.equals(arg, at),
    'Fn::And': (arg, at) => this.logical('Fn::And', arg, at),
    'Fn::Or': (arg, at) => this.logical('Fn::Or', arg, at),
    'Fn::Not': (arg, at) => this.not(arg, at),
    Condition: (arg, at) => {
      if (typeof arg !== 'string') this.fail(at, 'Condition takes a condition name');
      return this.condition(arg, at);
    },
    'Fn::FindInMap': (arg, at) => this.findInMap(arg, at),
    'Fn::GetAZs': () => ['a', 'b', 'c'].map((zone) => `${this.options.region}${zone}`),
    'Fn::Base64': (arg, at) =>
      Buffer.from(this.string(this.resolveAt(arg, at), at), 'utf8').toString('base64'),
    'Fn::ImportValue': (arg, at) => this.importValue(arg, at),
  };

  private string(value: unknown, at: string): string {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return this.fail(at, `expected a string, got ${JSON.stringify(value)}`);
  }

  private list(value: unknown, at: string): unknown[] {
    if (!Array.isArray(value)) this.fail(at, `expected a list, got ${JSON.stringify(value)}`);
    return value;
  }

  private ref(arg: unknown, at: string): unknown {
    if (typeof arg !== 'string') this.fail(at, 'Ref takes a name');
    if (arg.startsWith('AWS::')) {
      const pseudo = this.pseudo(arg);
      if (pseudo === undefined) this.fail(at, `unknown pseudo parameter ${arg}`);
      return pseudo;
    }
    if (this.parameters.has(arg)) return this.parameters.get(arg);
    if (this.options.template.Parameters?.[arg] !== undefined) {
      this.fail(at, `parameter ${arg} has no value and no Default`);
    }
    return this.resourceIdentity(arg, at).physicalId;
  }

  private resourceIdentity(logicalId: string, at: string): ResourceIdentity {
    const identity = this.options.resource(logicalId);
    if (identity !== undefined) return identity;
    if (this.options.template.Resources[logicalId] === undefined) {
      this.fail(at, `${logicalId} is not a resource or parameter of the template`);
    }
    return this.fail(at, `resource ${logicalId} is not provisioned (its Condition is false, or it failed)`);
  }

  private getAtt(arg: unknown, at: string): unknown {
    let logicalId: unknown;
    let attribute: unknown;
    if (typeof arg === 'string') {
      const dot = arg.indexOf('.');
      logicalId = arg.slice(0, dot);
      attribute = arg.slice(dot + 1);
    } else {
      const parts = this.list(arg, at);
      logicalId = parts[0];
      attribute = this.resolveAt(parts[1], at);
    }
    if (typeof logicalId !== 'string' || typeof attribute !== 'string' || logicalId === '') {
      this.fail(at, 'Fn::GetAtt takes [logicalId, attributeName]');
    }
    const identity = this.resourceIdentity(logicalId, at);
    const value = identity.attributes[attribute];
    if (value === undefined) {
      const type = this.options.template.Resources[logicalId]?.Type ?? 'resource';
      const known = Object.keys(identity.attributes);
      this.fail(
        at,
        `${logicalId} (${type}) has no attribute ${attribute} here${known.length > 0 ? ` (it has: ${known.join(', ')})` : ''}`,
      );
    }
    return value;
  }

  private join(arg: unknown, at: string): string {
    const [delimiter, items] = this.list(arg, at);
    const values = this.list(this.resolveAt(items, at), at);
    return values.map((v) => this.string(v, at)).join(this.string(delimiter, at));
  }

  private sub(arg: unknown, at: string): string {
    let template: unknown;
    let variables: Record<string, unknown> = {};
    if (Array.isArray(arg)) {
      template = arg[0];
      const vars = this.resolveAt(arg[1] ?? {}, at);
      if (!isRecord(vars)) this.fail(at, 'the second element of Fn::Sub must be an object of variables');
      variables = vars;
    } else {
      template = arg;
    }
    const text = this.string(template, at);
    return text.replace(/\$\{([^}]*)\}/g, (_match, name: string) => {
      // `${!Literal}` writes `${Literal}` unchanged.
      if (name.startsWith('!')) return `\${${name.slice(1)}}`;
      const key = name.trim();
      if (Object.hasOwn(variables, key)) return this.string(variables[key], at);
      if (!key.startsWith('AWS::') && key.includes('.')) {
        const dot = key.indexOf('.');
        return this.string(this.getAtt([key.slice(0, dot), key.slice(dot + 1)], at), at);
      }
      return this.string(this.ref(key, at), at);
    });
  }

  private select(arg: unknown, at: string): unknown {
    const [indexArg, listArg] = this.list(arg, at);
    const index = Number(this.resolveAt(indexArg, at));
    const items = this.list(this.resolveAt(listArg, at), at);
    if (!Number.isInteger(index) || index < 0 || index >= items.length) {
      this.fail(at, `index ${String(index)} is out of range for a list of ${items.length}`);
    }
    return items[index];
  }

  private split(arg: unknown, at: string): string[] {
    const [delimiter, source] = this.list(arg, at);
    return this.string(this.resolveAt(source, at), at).split(this.string(delimiter, at));
  }

  private if(arg: unknown, at: string): unknown {
    const [name, whenTrue, whenFalse] = this.list(arg, at);
    if (typeof name !== 'string') this.fail(at, 'Fn::If takes [conditionName, valueIfTrue, valueIfFalse]');
    return this.condition(name, at) ? this.resolveAt(whenTrue, at) : this.resolveAt(whenFalse, at);
  }

  private equals(arg: unknown, at: string): boolean {
    const [a, b] = this.list(arg, at);
    return JSON.stringify(this.resolveAt(a, at)) === JSON.stringify(this.resolveAt(b, at));
  }

  private logical(fn: 'Fn::And' | 'Fn::Or', arg: unknown, at: string): boolean {
    const values = this.list(arg, at).map((item) => this.resolveAt(item, at));
    if (values.some((v) => typeof v !== 'boolean')) this.fail(at, `${fn} takes conditions`);
    return fn === 'Fn::And' ? values.every(Boolean) : values.some(Boolean);
  }

  private not(arg: unknown, at: string): boolean {
    const [value] = this.list(arg, at).map((item) => this.resolveAt(item, at));
    if (typeof value !== 'boolean') this.fail(at, 'Fn::Not takes one condition');
    return !value;
  }

  private findInMap(arg: unknown, at: string): unknown {
    const [mapName, topKey, secondKey] = this.list(arg, at).map((item) =>
      this.string(this.resolveAt(item, at), at),
    );
    const value =
      this.options.template.Mappings?.[mapName as string]?.[topKey as string]?.[secondKey as string];
    if (value === undefined) this.fail(at, `Mappings has no ${mapName}.${topKey}.${secondKey}`);
    return value;
  }

  private importValue(arg: unknown, at: string): string {
    const name = this.string(this.resolveAt(arg, at), at);
    const value = this.options.exports?.get(name);
    if (value === undefined) this.fail(at, `no stack of the assembly exports ${name}`);
    return value;
  }
}
