// Vietnamese by default; English on request. The choice is kept in localStorage and mirrored
// in <html lang> so screen readers and hyphenation follow it.
import { ApiError } from './api';
import { en } from './locales/en';
import { vi, type MessageKey } from './locales/vi';
import { createStore, useStore } from './store';

export type Locale = 'vi' | 'en';
export type { MessageKey };

const dictionaries: Record<Locale, Record<MessageKey, string>> = { vi, en };
const storageKey = 'chancery.locale';

function savedLocale(): Locale {
  try {
    return localStorage.getItem(storageKey) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi'; // storage can be disabled (private browsing, policy)
  }
}

export const locale = createStore<Locale>(savedLocale());

export function setLocale(next: Locale): void {
  try {
    localStorage.setItem(storageKey, next);
  } catch {
    // not persisted; the switch still applies to this page
  }
  document.documentElement.lang = next;
  locale.set(next);
}

/** The message for `key` in the current language, with {placeholders} filled from `params`. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = dictionaries[locale.get()][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The label for a role string from the server; unknown roles show as sent. */
export function roleLabel(role: string): string {
  const key = `role.${role}`;
  return key in vi ? t(key as MessageKey) : role;
}

/** Re-renders the caller when the language changes. */
export function useLocale(): Locale {
  return useStore(locale);
}

document.documentElement.lang = locale.get();

/** A sentence for the user about a failed request; server messages are English-only. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return t('error.unknown', { code: 'client' });
  switch (error.code) {
    case 'invalid_credentials':
    case 'network':
    case 'timeout':
    case 'forbidden':
    case 'unavailable':
      return t(`error.${error.code}`);
    case 'too_many_attempts':
      if (!error.retryAfter) return t('error.too_many_attempts_later');
      return error.retryAfter < 90
        ? t('error.too_many_attempts', { seconds: error.retryAfter })
        : t('error.too_many_attempts_minutes', { minutes: Math.ceil(error.retryAfter / 60) });
    default:
      return t('error.unknown', { code: error.code });
  }
}
