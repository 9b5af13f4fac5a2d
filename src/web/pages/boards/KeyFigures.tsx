/** The strip of key figures at the top of both boards, each with its freshness. */
import { useTranslation } from 'react-i18next';
import type { TNationalBoard } from '../../../contracts/boards.ts';
import { Freshness } from '../../components/Freshness.tsx';
import { useDecimal, useNumber } from '../../components/format.ts';
import { Completeness, StaleMarker } from './BoardParts.tsx';
import { TensionBadge } from './tension.tsx';

type Figures = TNationalBoard['totals'];

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
        <span className="key-label">{t('boards.key.tension')}</span>
        <span className="key-value">
          <TensionBadge tension={f.tension} />
        </span>
        <span className="key-sub">{t('boards.key.per100', { value: decimal(f.availablePer100IcuBeds) })}</span>
      </li>
      <li className="key-figure">
        <span className="key-label">{t('boards.key.available')}</span>
        <span className="key-value">
          {n(c.available)}
          <span className="key-of"> / {n(c.total)}</span>
        </span>
        <span className="key-sub">
          {t('boards.key.inUse', { count: c.inUse })} · {t('boards.key.lent', { count: c.lent })}
        </span>
        <Freshness at={f.lastUpdated.consoles} now={props.now} />
      </li>
      <li className="key-figure">
        <span className="key-label">{t('boards.key.unavailable')}</span>
        <span className="key-value">{n(c.maintenance + c.outOfService + c.inTransit)}</span>
        <span className="key-sub">
          {t('boards.key.unavailableDetail', {
            maintenance: n(c.maintenance),
            outOfService: n(c.outOfService),
            inTransit: n(c.inTransit),
          })}
        </span>
        <Freshness at={f.lastUpdated.consoles} now={props.now} />
      </li>
      <li className="key-figure">
        <span className="key-label">{t('boards.key.patients')}</span>
        <span className="key-value">{n(f.patients.vv + f.patients.va)}</span>
        <span className="key-sub">
          {t('boards.key.patientsDetail', { vv: n(f.patients.vv), va: n(f.patients.va), teams: n(f.teams) })}
        </span>
        <Freshness at={f.lastUpdated.census} now={props.now} />
      </li>
      <li className="key-figure">
        <span className="key-label">{t('boards.key.circuits')}</span>
        <span className="key-value">{n(f.circuits)}</span>
        <span className="key-sub">{t('boards.key.cannulas', { count: f.cannulas })}</span>
        <Freshness at={f.lastUpdated.stock} now={props.now} />
      </li>
      <li className="key-figure">
        <span className="key-label">{t('boards.key.census')}</span>
        <span className="key-value">
          <Completeness {...f.completeness} />
        </span>
        <span className="key-sub">
          {t('boards.key.onTimeRate', { rate: Math.round(f.completeness.onTimeRate * 100) })}
        </span>
        {f.stale ? <StaleMarker /> : <Freshness at={f.lastUpdated.census} now={props.now} />}
      </li>
      {props.nationalStock !== undefined ? (
        <li className="key-figure">
          <span className="key-label">{t('boards.key.nationalStock')}</span>
          <span className="key-value">{n(props.nationalStock)}</span>
          <span className="key-sub">{t('boards.key.nationalStockSub')}</span>
        </li>
      ) : null}
    </ul>
  );
}
