// The one way the client talks to the server: JSON in and out, the session cookie, the CSRF
// header on state-changing requests, and every failure turned into an ApiError.

/** A failed request. status 0 means the server was not reached (code "network" or "timeout"). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Seconds from Retry-After, when the server sent it (429, 503). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Set false where 401 is an answer, not an expired session (the login form). */
  handleUnauthorized?: boolean;
  signal?: AbortSignal;
}

const base = '/api/v1';
// A council hall's Wi-Fi can swallow a request without failing it; give up and say so.
const timeoutMs = 20_000;

let csrfToken = '';
let onUnauthorized: () => void = () => {};

/** The token from login or /me; sent as X-CSRF-Token on every non-GET request. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called on 401 from any request that does not opt out (the session sends the user to login). */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  options.signal?.addEventListener('abort', () => timeout.abort(), { once: true });
  let res: Response;
  try {
    res = await fetch(base + path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: timeout.signal,
    });
  } catch (e) {
    if (options.signal?.aborted) throw e;
    const timedOut = timeout.signal.aborted;
    throw new ApiError(0, timedOut ? 'timeout' : 'network', String(e));
  } finally {
    clearTimeout(timer);
  }

  if (res.ok) {
    if (res.status === 204) return undefined as T;
    try {
      return (await res.json()) as T;
    } catch (e) {
      throw new ApiError(res.status, 'bad_response', String(e));
    }
  }
  const error = await errorFrom(res);
  if (res.status === 401 && options.handleUnauthorized !== false) onUnauthorized();
  throw error;
}

async function errorFrom(res: Response): Promise<ApiError> {
  const retry = Number(res.headers.get('Retry-After'));
  const retryAfter = Number.isFinite(retry) && retry > 0 ? retry : undefined;
  try {
    const { error } = (await res.json()) as {
      error: { code: string; message: string; field?: string };
    };
    return new ApiError(res.status, error.code, error.message, error.field, retryAfter);
  } catch {
    // Not our JSON: a proxy or captive portal answered.
    return new ApiError(res.status, 'bad_response', `HTTP ${res.status}`, undefined, retryAfter);
  }
}
