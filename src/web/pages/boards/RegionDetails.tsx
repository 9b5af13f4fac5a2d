/** One region's figures beside the national map, on hover or focus of the region. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TNationalBoard } from '../../../contracts/boards.ts';
import { Freshness } from '../../components/Freshness.tsx';
import { useDecimal, useNumber } from '../../components/format.ts';
import { Completeness, StaleMarker } from './BoardParts.tsx';
import { CONSOLE_KEYS } from './BoardTable.tsx';
import { TensionBadge } from './tension.tsx';

type Region = TNationalBoard['regions'][number];

/** One region's figures (beside the map, on hover or focus). */
export function RegionDetails(props: {
  region: Region;
  now: number;
  href?: string | undefined;
  headingId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const n = useNumber();
  const decimal = useDecimal();
  const r = props.region;
  const rows: [string, ReactNode, boolean?][] = [
    ...CONSOLE_KEYS.map((k): [string, ReactNode] => [t(`boards.counts.${k}`), n(r.consoles[k])]),
    [t('boards.counts.total'), n(r.consoles.total)],
    [t('boards.board.circuits'), n(r.circuits)],
    [t('boards.board.cannulas'), n(r.cannulas)],
    [t('boards.board.patients'), t('boards.key.vvva', { vv: n(r.patients.vv), va: n(r.patients.va) })],
    [t('boards.board.teams'), n(r.teams)],
    [t('boards.board.icuBeds'), n(r.icuBeds)],
    [t('boards.board.per100'), decimal(r.availablePer100IcuBeds)],
    [t('boards.board.census'), <Completeness key="census" {...r.completeness} />, true],
  ];
  return (
    <>
      <div className="details-head">
        <h2 id={props.headingId} className="details-title">
          {r.name}
        </h2>
        <button type="button" className="button button-quiet button-small" onClick={props.onClose}>
          <span aria-hidden="true">✕ </span>
          {t('boards.map.closeDetails')}
        </button>
      </div>
      <p>
        <TensionBadge tension={r.tension} /> {r.stale ? <StaleMarker /> : null}
      </p>
      <dl className="details-list">
        {rows.map(([label, value, wide]) => (
          <div key={label} className={wide ? 'details-wide' : undefined}>
            <dt className="details-label">{label}</dt>
            <dd className="details-value">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="details-fresh">
        <Freshness at={r.lastUpdated.census} now={props.now} label={t('boards.fresh.censusLabel')} prefix="none" />
        <br />
        <Freshness at={r.lastUpdated.consoles} now={props.now} label={t('boards.fresh.registerLabel')} prefix="none" />
      </p>
      {props.href ? (
        <p>
          <Link to={props.href} className="button button-secondary">
            {t('boards.map.openRegion', { name: r.name })}
            <span aria-hidden="true"> →</span>
          </Link>
        </p>
      ) : null}
    </>
  );
}
