/** Beside the map while no region is chosen: the regions under tension and those missing census reports. */
import { useTranslation } from 'react-i18next';
import type { TNationalBoard } from '../../../contracts/boards.ts';
import { TENSION_RANK, TensionBadge } from './tension.tsx';

type Region = TNationalBoard['regions'][number];

export function Watchlist(props: { regions: readonly Region[]; headingId: string }) {
  const { t } = useTranslation();
  const tense = props.regions
    .filter((r) => r.tension === 'exhausted' || r.tension === 'strained')
    .sort((a, b) => TENSION_RANK[a.tension] - TENSION_RANK[b.tension] || a.name.localeCompare(b.name, 'fr'));
  const missing = props.regions
    .filter((r) => r.completeness.missing > 0)
    .sort((a, b) => b.completeness.missing - a.completeness.missing);
  return (
    <>
      <h2 id={props.headingId}>{t('boards.watch.heading')}</h2>
      <p className="muted">{t('boards.watch.hint')}</p>
      <h3>{t('boards.watch.tension')}</h3>
      {tense.length === 0 ? (
        <p>{t('boards.watch.noTension')}</p>
      ) : (
        <ul className="watch-list">
          {tense.map((r) => (
            <li key={r.code} className="watch-item">
              <TensionBadge tension={r.tension} /> <strong>{r.name}</strong>{' '}
              <span className="muted">{t('boards.watch.available', { count: r.consoles.available })}</span>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('boards.watch.missing')}</h3>
      {missing.length === 0 ? (
        <p>{t('boards.watch.noMissing')}</p>
      ) : (
        <ul className="watch-list">
          {missing.map((r) => (
            <li key={r.code} className="watch-item">
              <strong>{r.name}</strong>{' '}
              <span className="completeness-missing">
                <span aria-hidden="true">✕ </span>
                {t('boards.completeness.missing', { count: r.completeness.missing })}
              </span>{' '}
              <span className="muted">
                ({r.completeness.received}/{r.completeness.expected})
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
