// Who is logged in. Loaded from /api/v1/me at start-up, replaced on login, cleared on logout
// or when any request answers 401 (the user is then sent to login and brought back).
import { api, ApiError, setCsrfToken, setUnauthorizedHandler } from './api';
import { navigate } from './router';
import { createStore, useStore } from './store';

export interface Unit {
  id: number;
  code: string;
  name: string;
}

export interface User {
  id: number;
  username: string;
  fullName: string;
  position: string;
  email: string;
  unit: Unit | null;
  roles: string[];
}

interface SessionReply {
  user: User;
  csrfToken?: string;
}

export type Session =
  | { state: 'loading' }
  | { state: 'offline' } // /me could not be asked; the app offers to retry
  | { state: 'anonymous'; expired?: boolean }
  | { state: 'user'; user: User };

export const session = createStore<Session>({ state: 'loading' });

export function useSession(): Session {
  return useStore(session);
}

function accept(reply: SessionReply): User {
  setCsrfToken(reply.csrfToken ?? '');
  session.set({ state: 'user', user: reply.user });
  return reply.user;
}

/** Asks the server who we are. Never throws: failures become 'anonymous' or 'offline'. */
export async function loadSession(): Promise<void> {
  session.set({ state: 'loading' });
  try {
    accept(await api<SessionReply>('/me', { handleUnauthorized: false }));
  } catch (e) {
    const unauthorized = e instanceof ApiError && e.status === 401;
    session.set(unauthorized ? { state: 'anonymous' } : { state: 'offline' });
  }
}

/** Throws ApiError (invalid_credentials, too_many_attempts, network, …). */
export async function login(username: string, password: string): Promise<User> {
  const reply = await api<SessionReply>('/auth/login', {
    method: 'POST',
    body: { username, password },
    handleUnauthorized: false,
  });
  return accept(reply);
}

/** Throws ApiError when the server could not be told; the session then stays as it was. */
export async function logout(): Promise<void> {
  try {
    await api<void>('/auth/logout', { method: 'POST', handleUnauthorized: false });
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) throw e; // 401: already logged out
  }
  setCsrfToken('');
  session.set({ state: 'anonymous' });
  navigate('/login', { replace: true });
}

/** Where to go after logging in: the ?next= of the login page, if it is another page here. */
export function pathAfterLogin(query: URLSearchParams): string {
  const next = query.get('next') ?? '';
  const sameSite = next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\');
  return sameSite && !next.startsWith('/login') ? next : '/';
}

/** The login page for the current address, so that logging in comes back here. */
export function loginPath(): string {
  const here = window.location.pathname + window.location.search;
  return here === '/' || here.startsWith('/login') ? '/login' : `/login?next=${encodeURIComponent(here)}`;
}

setUnauthorizedHandler(() => {
  if (session.get().state !== 'user') return;
  setCsrfToken('');
  session.set({ state: 'anonymous', expired: true });
  navigate(loginPath(), { replace: true });
});

// A tablet in a council hall sleeps between sessions: when it wakes, ask whether the session
// is still alive, so that an expired one shows the login page before the user taps something.
// A 401 goes through the handler above; being offline is not an answer and changes nothing.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState !== 'visible' || session.get().state !== 'user') return;
  api<SessionReply>('/me').catch(() => {});
});

/** The logged-in user, for screens that the app shows only to logged-in users. */
export function useUser(): User {
  const s = useSession();
  if (s.state !== 'user') throw new Error('useUser() on a screen shown without a user');
  return s.user;
}
