/** "1–50 sur 2 563" with previous / next buttons. */
import { useTranslation } from 'react-i18next';
import { formatNumber } from './format.ts';

export function Pagination(props: {
  offset: number;
  limit: number;
  total: number;
  shown: number;
  onChange: (offset: number) => void;
  label: string;
}) {
  const { t, i18n } = useTranslation();
  const { offset, limit, total, shown } = props;
  const n = (v: number) => formatNumber(v, i18n.language);
  const range =
    total === 0 || shown === 0
      ? t('common.rangeEmpty')
      : t('common.range', { from: n(offset + 1), to: n(offset + shown), total: n(total) });
  return (
    <nav className="pagination" aria-label={props.label}>
      <button
        type="button"
        className="button button-secondary"
        disabled={offset <= 0}
        onClick={() => props.onChange(Math.max(0, offset - limit))}
      >
        <span aria-hidden="true">← </span>
        {t('common.previous')}
      </button>
      <span className="pagination-range">{range}</span>
      <button
        type="button"
        className="button button-secondary"
        disabled={offset + shown >= total}
        onClick={() => props.onChange(offset + limit)}
      >
        {t('common.next')}
        <span aria-hidden="true"> →</span>
      </button>
    </nav>
  );
}
