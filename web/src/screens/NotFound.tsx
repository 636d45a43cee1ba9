import { Page } from '../components/Page';
import { t } from '../i18n';
import { Link } from '../router';

export function NotFound() {
  return (
    <Page title={t('notFound.title')}>
      <p>{t('notFound.body')}</p>
      <p>
        <Link href="/" class="btn btn-secondary">
          {t('notFound.home')}
        </Link>
      </p>
    </Page>
  );
}
