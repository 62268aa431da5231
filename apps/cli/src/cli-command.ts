/** A parsed command line: what to do, with the options that apply to every command. */
export type CliCommand =
  | { readonly kind: 'signup'; readonly email: string; readonly name?: string }
  | {
      readonly kind: 'confirm';
      readonly email: string;
      readonly code?: string;
      readonly fromOutbox: boolean;
    }
  | { readonly kind: 'signin'; readonly email: string }
  | { readonly kind: 'signout' }
  | { readonly kind: 'whoami' }
  | { readonly kind: 'notes list'; readonly limit?: number; readonly cursor?: string }
  | { readonly kind: 'notes get'; readonly noteId: string }
  | {
      readonly kind: 'notes create';
      readonly title: string;
      readonly body?: string;
      readonly tags: readonly string[];
    }
  | {
      readonly kind: 'notes update';
      readonly noteId: string;
      readonly expectedVersion: number;
      readonly title?: string;
      readonly body?: string;
      readonly tags?: readonly string[];
    }
  | { readonly kind: 'notes delete'; readonly noteId: string };

/** Options every command accepts. */
export interface GlobalOptions {
  /** Print the result as JSON on stdout. */
  readonly json: boolean;
  /** A `cdk deploy --outputs-file` document to take the configuration from instead of the local stack. */
  readonly outputs?: string;
  /** The stack of the outputs file, when it holds several. */
  readonly stack?: string;
  /** Read the password from stdin instead of `GATEHOUSE_PASSWORD`. */
  readonly passwordStdin: boolean;
}

/** What the command line asks for: a command to run, or a help text to print. */
export type ParsedCommandLine =
  | { readonly type: 'run'; readonly command: CliCommand; readonly global: GlobalOptions }
  | { readonly type: 'help'; readonly text: string };
