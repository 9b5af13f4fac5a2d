/** The roster of a week: one row a team, one column a day, each day's shifts and, in red, its gaps. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { ZRosterGap, ZShift, ZShiftList } from '../../../contracts/teams.ts';
import type { MemberRole } from '../../../domain/teams.ts';
import { parisDate } from '../../../domain/time.ts';
import { formatTime } from '../../components/format.ts';
import { paths } from '../../routes/paths.ts';

type Shift = z.infer<typeof ZShift>;
type Gap = z.infer<typeof ZRosterGap>;

const dayOf = (iso: string) => parisDate(new Date(iso));

/** Items by team, then by Paris day of their start: grouped once per answer, not per cell. */
function byTeamAndDay<T extends { teamId: string; startsAt: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const key = `${item.teamId}:${dayOf(item.startsAt)}`;
    const list = out.get(key);
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  return out;
}

export function RosterTable(props: {
  roster: z.infer<typeof ZShiftList>;
  week: string;
  /** The week's days, Monday first (`YYYY-MM-DD`). */
  days: readonly string[];
  busy: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { roster, week, days } = props;
  const lang = i18n.language;
  const shiftsByCell = useMemo(() => byTeamAndDay<Shift>(roster.shifts), [roster]);
  const gapsByCell = useMemo(() => byTeamAndDay<Gap>(roster.gaps), [roster]);
  const time = (iso: string) => formatTime(iso, lang);
  const roles = (missing: readonly (readonly MemberRole[])[]) =>
    missing.map((slot) => slot.map((r) => t(`teams.roles.${r}`)).join(' / ')).join(', ');
  return (
    <div className="table-scroll">
      <table className="data-table roster-table" aria-busy={props.busy || undefined}>
        <caption>{t('teams.roster.caption', { week: week.slice(6) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('teams.roster.team')}</th>
            {days.map((d) => (
              <th key={d} scope="col">
                {new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'fr-FR', {
                  weekday: 'short',
                  day: 'numeric',
                  timeZone: 'UTC',
                }).format(new Date(`${d}T12:00:00Z`))}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {roster.teams.length === 0 ? (
            <tr>
              <td colSpan={8} className="table-empty">
                {t('teams.roster.none')}
              </td>
            </tr>
          ) : (
            roster.teams.map((tm) => {
              return (
                <tr key={tm.id} data-team={tm.name}>
                  <th scope="row">
                    <Link to={paths.team(tm.id)}>{tm.name}</Link>
                    <span className="muted roster-kind"> {t(`teams.kinds.${tm.kind}`)}</span>
                  </th>
                  {days.map((d) => {
                    const dayShifts = shiftsByCell.get(`${tm.id}:${d}`) ?? [];
                    const dayGaps = gapsByCell.get(`${tm.id}:${d}`) ?? [];
                    return (
                      <td key={d} className={dayGaps.length ? 'roster-cell roster-cell-gap' : 'roster-cell'}>
                        {dayShifts.length === 0 && dayGaps.length === 0 ? (
                          <span className="muted">{t('teams.roster.noShift')}</span>
                        ) : null}
                        <ul className="roster-shifts">
                          {dayShifts.map((s) => (
                            <li key={s.id} className={`roster-shift roster-${s.kind}`}>
                              <span className="roster-time">
                                {time(s.startsAt)}–{time(s.endsAt)}
                              </span>{' '}
                              <strong>{s.name}</strong>{' '}
                              <span className="muted">
                                {t(`teams.roles.${s.role}`)} · {t(`teams.shiftKinds.${s.kind}`)}
                                {s.kind === 'on_call'
                                  ? ` (${t('teams.roster.callIn', { minutes: s.callInMinutes })})`
                                  : ''}
                              </span>
                            </li>
                          ))}
                        </ul>
                        {dayGaps.map((g) => (
                          <p
                            key={g.startsAt}
                            className="roster-gap"
                            title={t('teams.roster.gapTitle', { from: time(g.startsAt), to: time(g.endsAt) })}
                          >
                            <span aria-hidden="true">⚠ </span>
                            {time(g.startsAt)}–{time(g.endsAt)} · {t('teams.roster.gap', { roles: roles(g.missing) })}
                          </p>
                        ))}
                      </td>
                    );
                  })}
                </tr>
              );
            })
          )}
        </tbody>
      </table>
    </div>
  );
}
