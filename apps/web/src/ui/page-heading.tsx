import { type ReactNode, useLayoutEffect, useRef } from 'react';

/**
 * The page's `<h1>`, focused when the page appears so that keyboard and screen-reader users start at the top
 * of the new step (a single-page app does not move focus by itself). A layout effect, so focus moves in the
 * same commit that shows the page.
 */
export function PageHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
