/**
 * Download links of an export: CSV and XLSX for spreadsheets, PDF to read and print. The links carry
 * the interface language (`lang`), so that the file speaks it: a download sends the browser's own
 * Accept-Language, not the language chosen in Relais.
 */
import { useTranslation } from 'react-i18next';
import { buildUrl } from '../api/client.ts';

const FORMATS = ['csv', 'xlsx', 'pdf'] as const;

export function ExportLinks(props: {
  path: string;
  params?: Record<string, string>;
  /** Query of the export besides its format and language (region, period…). */
  query?: Record<string, string | undefined>;
  /** What is exported, for the links' spoken names ("le tableau national"). */
  what: string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <div className="export-links">
      <span className="export-label">{t('common.export.label')}</span>
      {FORMATS.map((format) => (
        <a
          key={format}
          className="button button-secondary button-small"
          href={buildUrl(props.path, props.params, {
            ...props.query,
            format,
            lang: i18n.language === 'en' ? 'en' : 'fr',
          })}
          download
          aria-label={t('common.export.aria', { what: props.what, format: format.toUpperCase() })}
        >
          <span aria-hidden="true">⤓ </span>
          {format.toUpperCase()}
        </a>
      ))}
    </div>
  );
}
