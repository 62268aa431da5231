import type { GatehouseClient } from '@org/client/browser';
import { useEffect } from 'react';
import { useClient } from '../client/client-context.js';
import { navigate } from '../routing/router.js';
import { useSession } from '../session/session-context.js';
import { describeError } from '../ui/describe-error.js';

/** Whether the address is the managed login page's answer: it always carries `state`, and `code` or `error`. */
export function isManagedLoginCallback(pathname: string, search: URLSearchParams): boolean {
  return pathname === '/' && (search.has('state') || search.has('code') || search.has('error'));
}

/**
 * The callback being handled. The client accepts each `state` once, and React may run an effect twice (strict
 * mode in development), so a second run of the same address waits for the first instead of calling again.
 */
let handling: { readonly href: string; readonly done: Promise<unknown> } | undefined;

function handleOnce(client: GatehouseClient, href: string): Promise<unknown> {
  if (handling?.href !== href) handling = { href, done: client.handleRedirectCallback(href) };
  return handling.done;
}

/**
 * Where the managed login page sends the browser back (`/?code=…&state=…`, or `?error=…`): finishes the sign-in
 * and opens the notes, or goes to sign-in with the reason. The address loses code and state either way.
 */
export function ManagedLoginCallback() {
  const client = useClient();
  const { setNotice, setSignInError } = useSession();
  useEffect(() => {
    const href = window.location.href;
    handleOnce(client, href).then(
      () => {
        setNotice(undefined);
        setSignInError(undefined);
        navigate('/notes', { replace: true });
      },
      (error: unknown) => {
        setSignInError(describeError(error).message);
        navigate('/sign-in', { replace: true });
      },
    );
  }, [client, setNotice, setSignInError]);
  return (
    <p className="loading" role="status">
      Signing you in…
    </p>
  );
}
