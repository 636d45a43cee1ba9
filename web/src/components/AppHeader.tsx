import { t } from '../i18n';
import { Link } from '../router';
import type { User } from '../session';
import { LanguageSwitch } from './LanguageSwitch';
import { Nav, type NavItem } from './Nav';
import { UserMenu } from './UserMenu';

export function AppHeader({ user, nav }: { user: User; nav: NavItem[] }) {
  return (
    <header class="app-header">
      <a class="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <div class="app-header-bar">
        <Link href="/" class="brand">
          <img src="/favicon.svg" alt="" width={32} height={32} />
          <span>{t('app.name')}</span>
        </Link>
        <Nav items={nav} roles={user.roles} />
        <div class="app-header-actions">
          <LanguageSwitch />
          <UserMenu user={user} />
        </div>
      </div>
    </header>
  );
}
