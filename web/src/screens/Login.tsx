import { useEffect, useRef, useState } from 'preact/hooks';
import { Button } from '../components/Button';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useTitle } from '../components/Page';
import { TextField } from '../components/TextField';
import { describeError, t } from '../i18n';
import { login, useSession } from '../session';

type Failure = { expired: true } | { error: unknown };

export function Login() {
  useTitle(t('login.title'));
  const session = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [missing, setMissing] = useState({ username: false, password: false });
  // Kept untranslated so that switching language re-words a message already shown.
  const [failure, setFailure] = useState<Failure | null>(
    session.state === 'anonymous' && session.expired ? { expired: true } : null,
  );
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => usernameRef.current?.focus(), []);

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    const empty = { username: !username.trim(), password: !password };
    setMissing(empty);
    setFailure(null);
    if (empty.username || empty.password) {
      (empty.username ? usernameRef : passwordRef).current?.focus();
      return;
    }
    setSubmitting(true);
    try {
      await login(username.trim(), password); // the app then leaves this page
    } catch (err) {
      setFailure({ error: err });
      setSubmitting(false);
      setPassword('');
      passwordRef.current?.focus();
    }
  };

  return (
    <div class="login-screen">
      <div class="login-lang">
        <LanguageSwitch />
      </div>
      <main id="main" class="login-main">
        <div class="login-brand">
          <img src="/favicon.svg" alt="" width={56} height={56} />
          <p class="login-product">{t('app.name')}</p>
          <p class="login-tagline">{t('app.tagline')}</p>
        </div>
        <form class="card login-card" onSubmit={onSubmit} noValidate aria-busy={submitting}>
          <h1 class="login-title">{t('login.title')}</h1>
          <div class="alert" role="alert" aria-live="assertive">
            {failure && (
              <p class="alert-error">
                {'expired' in failure ? t('login.sessionExpired') : describeError(failure.error)}
              </p>
            )}
          </div>
          <TextField
            label={t('login.username')}
            value={username}
            onValue={setUsername}
            error={missing.username ? t('login.usernameRequired') : undefined}
            inputRef={usernameRef}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            autoCorrect="off"
            spellcheck={false}
            required
          />
          <TextField
            label={t('login.password')}
            type={showPassword ? 'text' : 'password'}
            value={password}
            onValue={setPassword}
            error={missing.password ? t('login.passwordRequired') : undefined}
            inputRef={passwordRef}
            name="password"
            autoComplete="current-password"
            required
          />
          <label class="checkbox">
            <input
              type="checkbox"
              checked={showPassword}
              onChange={(e) => setShowPassword(e.currentTarget.checked)}
            />
            {t('login.showPassword')}
          </label>
          <Button type="submit" class="login-submit" busy={submitting}>
            {submitting ? t('login.submitting') : t('login.submit')}
          </Button>
        </form>
      </main>
    </div>
  );
}
