import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file.js';

const STATE_VERSION = 1;

const RecordedResourceSchema = z.object({
  type: z.string(),
  physicalId: z.string(),
  attributes: z.record(z.string(), z.string()),
});
export type RecordedResource = z.infer<typeof RecordedResourceSchema>;

const StackStateFileSchema = z.object({
  version: z.number().int(),
  stacks: z.record(z.string(), z.record(z.string(), RecordedResourceSchema)),
});

/** Raised when the state directory holds a state file this version cannot use. */
export class StackStateError extends Error {
  override readonly name = 'StackStateError';
}

/**
 * The map logical id → physical id (and attributes) of every provisioned resource, kept in
 * `<stateDir>/stack-state.json`, so that starting again with the same assembly gives the same pool ids,
 * client ids, table names and API ids, and so the same outputs.
 */
export class StackState {
  private readonly stacks: Record<string, Record<string, RecordedResource>>;

  private constructor(
    private readonly file: string,
    stacks: Record<string, Record<string, RecordedResource>>,
  ) {
    this.stacks = stacks;
  }

  /** Reads the state file of `stateDir` (an empty state when there is none). */
  static load(stateDir: string): StackState {
    const file = join(stateDir, 'stack-state.json');
    if (!existsSync(file)) return new StackState(file, {});
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (cause) {
      throw new StackStateError(
        `${file} is not valid JSON; start with --reset to begin from an empty state`,
        {
          cause,
        },
      );
    }
    const result = StackStateFileSchema.safeParse(parsed);
    if (!result.success) {
      throw new StackStateError(
        `${file} is not a stack state file this version can read (${result.error.issues[0]?.message}); start with --reset to begin from an empty state`,
      );
    }
    if (result.data.version > STATE_VERSION) {
      throw new StackStateError(
        `${file} was written by a newer version of the emulator (state version ${result.data.version}, this one reads ${STATE_VERSION}); upgrade, or start with --reset`,
      );
    }
    return new StackState(file, result.data.stacks);
  }

  get(stackName: string, logicalId: string, type: string): RecordedResource | undefined {
    const recorded = this.stacks[stackName]?.[logicalId];
    // A logical id reused for another type is a different resource (CloudFormation would replace it).
    return recorded?.type === type ? recorded : undefined;
  }

  set(stackName: string, logicalId: string, resource: RecordedResource): void {
    this.stacks[stackName] ??= {};
    (this.stacks[stackName] as Record<string, RecordedResource>)[logicalId] = resource;
  }

  /** Writes the state file atomically. */
  save(): void {
    writeFileAtomic(
      this.file,
      `${JSON.stringify({ version: STATE_VERSION, stacks: this.stacks }, null, 2)}\n`,
    );
  }
}
