/** Raised when a service cannot listen on the port asked for. */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
}

/** Awaits a service's start, turning "address in use" into a message that names the service and its flag. */
export async function listening<T>(
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
export function reachable(url: string): string {
  return url.replace(/^http:\/\/(0\.0\.0\.0|\[::\])/, 'http://127.0.0.1');
}
