/** The visible language toggle: names the other language in that language. */
import { useTranslation } from 'react-i18next';
import { changeLanguage } from '../i18n/index.ts';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const other = i18n.language === 'en' ? 'fr' : 'en';
  return (
    <button
      type="button"
      className="button button-quiet lang-switch"
      lang={other}
      title={t('lang.switchToLabel')}
      onClick={() => changeLanguage(other)}
    >
      {t('lang.switchTo')}
    </button>
  );
}
