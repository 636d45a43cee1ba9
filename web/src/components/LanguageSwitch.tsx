import { setLocale, t, useLocale } from '../i18n';

/** One button naming the other language in that language, as language pickers should. */
export function LanguageSwitch() {
  const current = useLocale();
  const other = current === 'vi' ? 'en' : 'vi';
  return (
    <button
      type="button"
      class="btn btn-ghost lang-switch"
      lang={other}
      aria-label={t('lang.switchLabel')}
      onClick={() => setLocale(other)}
    >
      <span aria-hidden="true" class="lang-code">
        {other.toUpperCase()}
      </span>
      {t('lang.switchTo')}
    </button>
  );
}
