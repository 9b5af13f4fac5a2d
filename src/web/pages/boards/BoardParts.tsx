/** Blocks of both boards: the key figures strip, and the details of one region. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TNationalBoard } from '../../../contracts/boards.ts';
import {
  CONSOLE_KEYS,
  Completeness,
  Freshness,
  StaleMarker,
  type Tension,
  TensionBadge,
  useDecimal,
  useNumber,
} from './shared.tsx';

type Figures = TNationalBoard['totals'];
type Region = TNationalBoard['regions'][number];

/** The figures that matter at a glance, each with its freshness. */
export function KeyFigures(props: { figures: Figures; now: number; nationalStock?: number }) {
  const { t } = useTranslation();
  const n = useNumber();
  const decimal = useDecimal();
  const f = props.figures;
  const c = f.consoles;
  return (
    <ul className="key-figures">
      <li className={`key-figure key-tension key-tension-${f.tension}`}>
        <span className="key-label">{t('fleet.key.tension')}</span>
        <span className="key-value">
          <TensionBadge tension={f.tension as Tension} />
        </span>
        <span className="key-sub">{t('fleet.key.per100', { value: decimal(f.availablePer100IcuBeds) })}</span>
      </li>
      <li className="key-figure">
        <span className="key-label">{t('fleet.key.available')}</span>
        <span className="key-value">
          {n(c.available)}
          <span className="key-of"> / {n(c.total)}</span>
        </span>
        <span className="key-sub">
          {t('fleet.key.inUse', { count: c.inUse })} · {t('fleet.key.lent', { count: c.lent })}
        </span>
        <Freshness at={f.lastUpdated.consoles} now={props.now} />
      </li>
      <li className="key-figure">
        <span className="key-label">{t('fleet.key.unavailable')}</span>
        <span className="key-value">{n(c.maintenance + c.outOfService + c.inTransit)}</span>
        <span className="key-sub">
          {t('fleet.key.unavailableDetail', {
            maintenance: n(c.maintenance),
            outOfService: n(c.outOfService),
            inTransit: n(c.inTransit),
          })}
        </span>
        <Freshness at={f.lastUpdated.consoles} now={props.now} />
      </li>
      <li className="key-figure">
        <span className="key-label">{t('fleet.key.patients')}</span>
        <span className="key-value">{n(f.patients.vv + f.patients.va)}</span>
        <span className="key-sub">
          {t('fleet.key.patientsDetail', { vv: n(f.patients.vv), va: n(f.patients.va), teams: n(f.teams) })}
        </span>
        <Freshness at={f.lastUpdated.census} now={props.now} />
      </li>
      <li className="key-figure">
        <span className="key-label">{t('fleet.key.circuits')}</span>
        <span className="key-value">{n(f.circuits)}</span>
        <span className="key-sub">{t('fleet.key.cannulas', { count: f.cannulas })}</span>
        <Freshness at={f.lastUpdated.stock} now={props.now} />
      </li>
      <li className="key-figure">
        <span className="key-label">{t('fleet.key.census')}</span>
        <span className="key-value">
          <Completeness {...f.completeness} />
        </span>
        <span className="key-sub">
          {t('fleet.key.onTimeRate', { rate: Math.round(f.completeness.onTimeRate * 100) })}
        </span>
        {f.stale ? <StaleMarker /> : <Freshness at={f.lastUpdated.census} now={props.now} />}
      </li>
      {props.nationalStock !== undefined ? (
        <li className="key-figure">
          <span className="key-label">{t('fleet.key.nationalStock')}</span>
          <span className="key-value">{n(props.nationalStock)}</span>
          <span className="key-sub">{t('fleet.key.nationalStockSub')}</span>
        </li>
      ) : null}
    </ul>
  );
}

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
    ...CONSOLE_KEYS.map((k): [string, ReactNode] => [t(`fleet.counts.${k}`), n(r.consoles[k])]),
    [t('fleet.counts.total'), n(r.consoles.total)],
    [t('fleet.board.circuits'), n(r.circuits)],
    [t('fleet.board.cannulas'), n(r.cannulas)],
    [t('fleet.board.patients'), t('fleet.key.vvva', { vv: n(r.patients.vv), va: n(r.patients.va) })],
    [t('fleet.board.teams'), n(r.teams)],
    [t('fleet.board.icuBeds'), n(r.icuBeds)],
    [t('fleet.board.per100'), decimal(r.availablePer100IcuBeds)],
    [t('fleet.board.census'), <Completeness key="census" {...r.completeness} />, true],
  ];
  return (
    <>
      <div className="details-head">
        <h2 id={props.headingId} className="details-title">
          {r.name}
        </h2>
        <button type="button" className="button button-quiet button-small" onClick={props.onClose}>
          <span aria-hidden="true">✕ </span>
          {t('fleet.map.closeDetails')}
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
        <Freshness at={r.lastUpdated.census} now={props.now} label={t('fleet.fresh.censusLabel')} prefix="none" />
        <br />
        <Freshness at={r.lastUpdated.consoles} now={props.now} label={t('fleet.fresh.registerLabel')} prefix="none" />
      </p>
      {props.href ? (
        <p>
          <Link to={props.href} className="button button-secondary">
            {t('fleet.map.openRegion', { name: r.name })}
            <span aria-hidden="true"> →</span>
          </Link>
        </p>
      ) : null}
    </>
  );
}

/** When a row's census figures were last reported, with the stale marker (the register's time on hover). */
export function FreshnessCell(props: {
  lastUpdated: { consoles: string | null; stock: string | null; census: string | null };
  stale: boolean;
  now: number;
}) {
  return (
    <span className="fresh-lines">
      <Freshness at={props.lastUpdated.census} now={props.now} prefix="none" />
      {props.stale ? <StaleMarker /> : null}
    </span>
  );
}

/** "Registre des consoles mis à jour il y a 5 min" under a board's table. */
export function RegisterNote(props: { at: string | null; now: number; note: string }) {
  const { t } = useTranslation();
  return (
    <p className="table-note muted">
      <Freshness at={props.at} now={props.now} label={t('fleet.fresh.registerNote')} />. {props.note}
    </p>
  );
}
