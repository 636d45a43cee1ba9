import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';
import { hasNavigated } from '../router';

/** Sets the document title ("Trang chủ · Chancery") as the caller's content appears. */
export function useTitle(title: string): void {
  useLayoutEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title]);
}

/**
 * One screen's main content. After in-app navigation focus moves to the heading, so keyboard
 * and screen-reader users start at the top of the new screen instead of on a removed link.
 */
export function Page({ title, heading, children }: { title: string; heading?: ComponentChildren; children: ComponentChildren }) {
  useTitle(title);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (hasNavigated()) headingRef.current?.focus({ preventScroll: true });
  }, []);
  return (
    <main id="main" class="page" tabIndex={-1}>
      <h1 class="page-title" tabIndex={-1} ref={headingRef}>
        {heading ?? title}
      </h1>
      {children}
    </main>
  );
}
