import type { MessageKey } from '../i18n';
import { t } from '../i18n';
import { Link, useLocation } from '../router';

export interface NavItem {
  href: string;
  label: MessageKey;
  /** Shown only to users with one of these roles; everyone when absent. */
  roles?: string[];
}

/** The sections a user can reach. Add an item only together with the screen it opens. */
export function Nav({ items, roles }: { items: NavItem[]; roles: string[] }) {
  const { path } = useLocation();
  const visible = items.filter((i) => !i.roles || i.roles.some((r) => roles.includes(r)));
  return (
    <nav class="nav" aria-label={t('nav.label')}>
      <ul>
        {visible.map((item) => (
          <li key={item.href}>
            <Link href={item.href} class="nav-link" aria-current={item.href === path ? 'page' : undefined}>
              {t(item.label)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
