/*
 * Assertions on credentials that never put the credential in the failure message. vitest prints the values it
 * compared (`expected 'eyJ…' not to be 'eyJ…'`, `promise resolved "{ AuthenticationResult: … }" instead of
 * rejecting`), and this suite runs in CI against deployed stacks, production among them: a failure would print
 * a live token into the job's log.
 */

/** Throws, naming only `what`, unless the two credentials differ. */
export function expectDifferentSecret(after: string, before: string, what: string): void {
  if (after === before) throw new Error(`${what}: expected a new value, got the same one (values not shown)`);
}

/**
 * Resolves when `attempt` rejects with an error named `errorName`; otherwise throws without the resolved value
 * (it would hold fresh tokens) and with only the name of any other error.
 */
export async function expectRefused(
  attempt: Promise<unknown>,
  errorName: string,
  what: string,
): Promise<void> {
  let outcome: string;
  try {
    await attempt;
    outcome = 'it succeeded (its answer is not shown: it holds credentials)';
  } catch (error) {
    const name = error instanceof Error ? error.name : typeof error;
    if (name === errorName) return;
    outcome = `it failed with ${name}`;
  }
  throw new Error(`${what}: expected ${errorName}, but ${outcome}`);
}
