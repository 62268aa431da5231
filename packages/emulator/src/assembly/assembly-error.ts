import { EmulatorError } from '../shared/emulator-error.js';

/** Base of every failure to read or resolve a cloud assembly. */
export abstract class AssemblyError extends EmulatorError {}

/** The folder is not a cloud assembly, or a file in it is missing or malformed. */
export class CloudAssemblyReadError extends AssemblyError {
  override readonly name = 'CloudAssemblyReadError';
}

/**
 * A template value could not be resolved. The message names the stack, the resource (or output) and the
 * property path, so the user can find the offending line in the template.
 */
export class TemplateResolutionError extends AssemblyError {
  override readonly name = 'TemplateResolutionError';
  constructor(
    readonly location: string,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`Cannot resolve ${location}: ${reason}`, options);
  }
}
