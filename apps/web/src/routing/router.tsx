import { type AnchorHTMLAttributes, type MouseEvent, type Ref, useEffect, useSyncExternalStore } from 'react';

/** The current path and query, as the browser's history holds them. */
export interface Location {
  readonly pathname: string;
  readonly search: URLSearchParams;
}

const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

/** Goes to `to` (a path with an optional query) without reloading the page. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  notify();
}

/** The current location; re-renders on every navigation (links, back and forward). */
export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, 'http://app.invalid');
  return { pathname: url.pathname, search: url.searchParams };
}

/** An ordinary link that navigates inside the app (modified clicks still open a new tab). */
export function Link({
  to,
  ...rest
}: { to: string; ref?: Ref<HTMLAnchorElement> | undefined } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={onClick} {...rest} />;
}

/** Replaces the current entry with `to` once rendered (guards and the root path). */
export function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}
