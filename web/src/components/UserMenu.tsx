import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { describeError, roleLabel, t } from '../i18n';
import { logout, type User } from '../session';
import { Button } from './Button';

function initials(fullName: string): string {
  const words = fullName.trim().split(/\s+/);
  const last = words[words.length - 1] ?? '';
  return (words.length > 1 ? words[0][0] + last[0] : last.slice(0, 2)).toUpperCase();
}

/**
 * The account button in the header and the panel it opens (a disclosure, so Tab moves
 * through it). Escape or a click elsewhere closes it.
 */
export function UserMenu({ user }: { user: User }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      toggle.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  const onLogout = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await logout();
    } catch (e) {
      setFailure({ error: e });
      setBusy(false);
    }
  };

  return (
    <div class="user-menu" ref={root}>
      <button
        type="button"
        ref={toggle}
        class="btn btn-ghost user-menu-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={t('user.menu', { name: user.fullName })}
        onClick={() => setOpen(!open)}
      >
        <span class="avatar" aria-hidden="true">
          {initials(user.fullName)}
        </span>
        <span class="user-menu-name">{user.fullName}</span>
      </button>
      <div id={panelId} class="user-menu-panel" hidden={!open}>
        <p class="user-menu-who">
          <strong>{user.fullName}</strong>
          <span>{user.position || user.roles.map(roleLabel).join(', ')}</span>
        </p>
        <p class="user-menu-error" role="alert">
          {failure && describeError(failure.error)}
        </p>
        <Button variant="secondary" class="user-menu-logout" busy={busy} onClick={onLogout}>
          {busy ? t('user.loggingOut') : t('user.logout')}
        </Button>
      </div>
    </div>
  );
}
