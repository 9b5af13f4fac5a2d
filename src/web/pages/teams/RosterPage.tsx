/**
 * The roster week view (RosterTable.tsx): one row per team, one column per day, each day's shifts
 * (garde on site by day, astreinte at night) with who is on duty, and the gaps — spans without the
 * team's minimum composition — in red. Week and filters in the URL; "my shifts" for a professional;
 * CSV import for those who keep the roster (RosterImport.tsx).
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { shiftIsoWeek } from '../../../domain/time.ts';
import { can, useUser } from '../../auth.tsx';
import { formatDay } from '../../components/format.ts';
import { ListStatus, RegionFilter } from '../../components/ListParts.tsx';
import { PageHeader } from '../../components/PageParts.tsx';
import { pickParam, REGION_CODE, useUrlFilters } from '../../components/searchParams.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useShifts, weekOf } from './queries.ts';
import { RosterImport } from './RosterImport.tsx';
import { RosterTable } from './RosterTable.tsx';

export function RosterPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('teams.roster.title'));
  const user = useUser();
  const id = useId();
  const { params, update } = useUrlFilters();
  const { week, days, from, to } = weekOf(params.get('semaine'));
  const mine = params.get('mes') === '1';
  const region = pickParam(params.get('region'), REGION_CODE);
  const team = params.get('equipe') ?? undefined;
  const national = user.grants.some((g) => g.scopeKind === 'nation');
  const list = useShifts({
    from: from.toISOString(),
    to: to.toISOString(),
    mine: mine ? 'true' : undefined,
    region: region || undefined,
    team: team && /^[0-9a-f-]{36}$/.test(team) ? team : undefined,
  });
  const data = list.data;
  const lang = i18n.language;

  return (
    <section className="page page-wide team-ui">
      <PageHeader title={t('teams.roster.title')} />
      <p className="muted">{t('teams.roster.intro')}</p>
      <div className="roster-week">
        <button
          type="button"
          className="button button-secondary"
          onClick={() => update({ semaine: shiftIsoWeek(week, -1) })}
        >
          <span aria-hidden="true">← </span>
          {t('teams.roster.previous')}
        </button>
        <h2 className="roster-week-title" aria-live="polite">
          {t('teams.roster.week', {
            week: week.slice(6),
            from: formatDay(days[0] as string, lang),
            to: formatDay(days[6] as string, lang),
          })}
        </h2>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => update({ semaine: shiftIsoWeek(week, 1) })}
        >
          {t('teams.roster.next')}
          <span aria-hidden="true"> →</span>
        </button>
        <button type="button" className="button button-quiet-dark" onClick={() => update({ semaine: null })}>
          {t('teams.roster.thisWeek')}
        </button>
      </div>
      <search className="filters" aria-label={t('common.filters')}>
        <label className="reg-radio roster-mine">
          <input
            type="checkbox"
            className="reg-choice"
            checked={mine}
            onChange={(e) => update({ mes: e.target.checked ? '1' : null })}
          />{' '}
          {t('teams.roster.mine')}
        </label>
        {can(user, 'request:regulate') || national ? (
          <RegionFilter id={`${id}-region`} value={region} user={user} onChange={(v) => update({ region: v })} />
        ) : null}
      </search>
      <ListStatus
        query={list}
        count={
          data
            ? data.gaps.length
              ? t('teams.roster.gaps', { count: data.gaps.length })
              : t('teams.roster.gapsNone')
            : null
        }
      />
      {data ? <RosterTable roster={data} week={week} days={days} busy={list.isFetching} /> : null}
      {can(user, 'roster:write') ? <RosterImport /> : null}
    </section>
  );
}
