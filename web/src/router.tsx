// Client-side routing on the history API. The server answers every extension-less path with
// index.html, so any route here can be loaded, bookmarked and reloaded directly.
import type { ComponentChildren, JSX } from 'preact';
import { createStore, useStore } from './store';

export interface Location {
  path: string;
  query: URLSearchParams;
}

export interface Route {
  /** "/meetings/:id" — segments starting with ":" become params. */
  path: string;
  view: (props: { params: Record<string, string> }) => JSX.Element;
  /** Reachable without logging in (only the login page so far). */
  public?: boolean;
}

function current(): Location {
  return { path: window.location.pathname, query: new URLSearchParams(window.location.search) };
}

export const location = createStore<Location>(current());
let moved = false;
window.addEventListener('popstate', () => {
  moved = true;
  location.set(current());
});

/** Whether the user went anywhere since the page loaded (screens then take focus). */
export function hasNavigated(): boolean {
  return moved;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  moved = true;
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  location.set(current());
  window.scrollTo(0, 0);
}

export function useLocation(): Location {
  return useStore(location);
}

export function matchRoute(
  routes: Route[],
  path: string,
): { route: Route; params: Record<string, string> } | null {
  const segments = path.split('/').filter(Boolean);
  for (const route of routes) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((p, i) => {
      if (p.startsWith(':')) {
        params[p.slice(1)] = decodeURIComponent(segments[i]);
        return true;
      }
      return p === segments[i];
    });
    if (ok) return { route, params };
  }
  return null;
}

/** A link that navigates in place; modified clicks (new tab, etc.) stay with the browser. */
type LinkProps = Omit<JSX.HTMLAttributes<HTMLAnchorElement>, 'onClick'> & {
  href: string;
  children: ComponentChildren;
};

export function Link({ href, children, ...rest }: LinkProps) {
  const onClick = (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return (
    <a {...rest} href={href} onClick={onClick}>
      {children}
    </a>
  );
}
