import { Card } from '../components/Card';
import { Page } from '../components/Page';
import { roleLabel, t } from '../i18n';
import { useUser } from '../session';

export function Home() {
  const user = useUser();
  return (
    <Page title={t('home.title')} heading={t('home.greeting', { name: user.fullName })}>
      <Card title={t('home.account')}>
        <dl class="facts">
          <div>
            <dt>{t('home.position')}</dt>
            <dd>{user.position || '—'}</dd>
          </div>
          <div>
            <dt>{t('home.unit')}</dt>
            <dd>{user.unit ? user.unit.name : t('home.noUnit')}</dd>
          </div>
          <div>
            <dt>{t('home.roles')}</dt>
            <dd>
              <ul class="chips">
                {user.roles.map((r) => (
                  <li key={r} class="chip">
                    {roleLabel(r)}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
          <div>
            <dt>{t('home.username')}</dt>
            <dd>{user.username}</dd>
          </div>
        </dl>
      </Card>
    </Page>
  );
}
