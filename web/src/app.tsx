import { useEffect } from 'preact/hooks';
import { AppHeader } from './components/AppHeader';
import { Button } from './components/Button';
import { t, useLocale } from './i18n';
import { location, matchRoute, navigate, useLocation } from './router';
import { nav, routes } from './routes';
import { NotFound } from './screens/NotFound';
import { loadSession, loginPath, pathAfterLogin, useSession } from './session';

export function App() {
  useLocale(); // the whole tree re-renders in the new language
  const session = useSession();
  const { path } = useLocation();
  const match = matchRoute(routes, path);
  const needsLogin = session.state === 'anonymous' && !match?.route.public;
  const loggedInOnLogin = session.state === 'user' && path === '/login';

  useEffect(() => {
    if (needsLogin) navigate(loginPath(), { replace: true });
    else if (loggedInOnLogin) navigate(pathAfterLogin(location.get().query), { replace: true });
  }, [needsLogin, loggedInOnLogin]);

  if (session.state === 'loading' || needsLogin || loggedInOnLogin) {
    return (
      <p class="app-status" role="status">
        {t('app.loading')}
      </p>
    );
  }
  if (session.state === 'offline') {
    return (
      <main id="main" class="app-status">
        <h1>{t('app.offline.title')}</h1>
        <p role="alert">{t('app.offline.body')}</p>
        <Button onClick={loadSession}>{t('app.retry')}</Button>
      </main>
    );
  }
  const View = match?.route.view ?? NotFound;
  const screen = <View params={match?.params ?? {}} />;
  if (session.state !== 'user') return screen;
  return (
    <>
      <AppHeader user={session.user} nav={nav} />
      {screen}
    </>
  );
}
