/**
 * The roster week view: one row per team, one column per day, each day's shifts (garde on site by
 * day, astreinte at night) with who is on duty, and the gaps — spans without the team's minimum
 * composition — in red. Week and filters in the URL; "my shifts" for a professional; CSV import for
 * those who keep the roster.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { ZRosterGap, ZShift } from '../../../contracts/teams.ts';
import type { MemberRole } from '../../../domain/teams.ts';
import { parisDate, shiftIsoWeek } from '../../../domain/time.ts';
import { teamKeys } from '../../api/keys.ts';
import { useRegions } from '../../api/queries.ts';
import { can, useUser } from '../../auth.tsx';
import { useErrorText } from '../../components/Feedback.tsx';
import { formatDay, formatTime } from '../../components/format.ts';
import { ListStatus, RegionFilter } from '../../components/ListParts.tsx';
import { PageHeader } from '../../components/PageParts.tsx';
import { pickParam, REGION_CODE, useUrlFilters } from '../../components/searchParams.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { paths } from '../../routes/paths.ts';
import { useShifts, weekOf } from './queries.ts';

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

export function RosterPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('teams.roster.title'));
  const user = useUser();
  const id = useId();
  const regions = useRegions();
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
  const shiftsByCell = useMemo(() => byTeamAndDay<Shift>(data?.shifts ?? []), [data]);
  const gapsByCell = useMemo(() => byTeamAndDay<Gap>(data?.gaps ?? []), [data]);
  const lang = i18n.language;
  const time = (iso: string) => formatTime(iso, lang);
  const roles = (missing: readonly (readonly MemberRole[])[]) =>
    missing.map((slot) => slot.map((r) => t(`teams.roles.${r}`)).join(' / ')).join(', ');

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
          <RegionFilter
            id={`${id}-region`}
            label={t('teams.roster.region')}
            all={t('teams.roster.allRegions')}
            value={region}
            regions={
              national ? regions.data : regions.data?.filter((x) => user.grants.some((g) => g.regionCode === x.code))
            }
            onChange={(v) => update({ region: v || null })}
          />
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
      {data ? (
        <div className="table-scroll">
          <table className="data-table roster-table" aria-busy={list.isFetching || undefined}>
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
              {data.teams.length === 0 ? (
                <tr>
                  <td colSpan={8} className="table-empty">
                    {t('teams.roster.none')}
                  </td>
                </tr>
              ) : (
                data.teams.map((tm) => {
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
                                {time(g.startsAt)}–{time(g.endsAt)} ·{' '}
                                {t('teams.roster.gap', { roles: roles(g.missing) })}
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
      ) : null}
      {can(user, 'roster:write') ? <RosterImport /> : null}
    </section>
  );
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A roster file refused whole (400): its rows' errors, to show under the message. */
class RosterRefusal extends Error {
  constructor(
    message: string,
    readonly rows: { row: number; field: string; message: string }[],
  ) {
    super(message);
  }
}

/** Upload of a roster file: check it (row-by-row report), or check and store it all at once. */
function RosterImport() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const { csrfToken } = useUser();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [refused, setRefused] = useState<RosterRefusal['rows']>([]);
  const importing = useMutation({
    mutationFn: async (mode: 'validate' | 'all') => {
      const file = input.current?.files?.[0];
      if (!file) throw new Error(t('validation.required'));
      const response = await fetch(`/api/roster/imports?mode=${mode}&fileName=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        headers: {
          'content-type': file.name.toLowerCase().endsWith('.xlsx') ? XLSX_TYPE : 'text/csv',
          'x-csrf-token': csrfToken,
          'accept-language': i18n.language,
          accept: 'application/json',
        },
        // The bytes as saved: the server reads their encoding (Windows-1252 from Excel, UTF-16…); the
        // browser would decode them as UTF-8 and turn every accent into �.
        body: file,
        credentials: 'same-origin',
      });
      const json = await response.json();
      if (!response.ok) {
        const errors: { field: string; message: string }[] = json.errors ?? [];
        const rows = errors.flatMap((e) => {
          const m = /^rows\.(\d+)\.(.*)$/.exec(e.field);
          return m ? [{ row: Number(m[1]), field: m[2] ?? '', message: e.message }] : [];
        });
        if (rows.length) throw new RosterRefusal(t('teams.roster.refused'), rows);
        throw new Error(errors[0]?.message ?? json.detail ?? json.title);
      }
      return json as {
        rows: number;
        valid: number;
        invalid: number;
        stored: number;
        report: { row: number; status: string; errors: { field: string; message: string }[] }[];
      };
    },
    onMutate: () => {
      setError(null);
      setRefused([]);
    },
    onSuccess: (report) => {
      if (report.stored) void queryClient.invalidateQueries({ queryKey: teamKeys.shifts.all });
    },
    onError: (e) => {
      setError(errorText(e));
      if (e instanceof RosterRefusal) setRefused(e.rows);
    },
  });
  const send = (mode: 'validate' | 'all') => (event: FormEvent) => {
    event.preventDefault();
    importing.mutate(mode);
  };
  const report = importing.data;
  return (
    <section className="roster-import" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('teams.roster.import')}</h2>
      <p className="field-hint">{t('teams.roster.importHint')}</p>
      <form className="form" onSubmit={send('validate')}>
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('teams.roster.file')}</label>
          <input id={`${id}-file`} ref={input} type="file" accept={`.csv,.xlsx,text/csv,${XLSX_TYPE}`} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-secondary" disabled={importing.isPending}>
            {importing.isPending ? t('teams.roster.importing') : t('teams.roster.validate')}
          </button>
          <button type="button" className="button button-primary" disabled={importing.isPending} onClick={send('all')}>
            {t('teams.roster.store')}
          </button>
        </div>
      </form>
      {error ? (
        <div className="notice notice-error" role="alert">
          <p>{error}</p>
          {refused.length ? (
            <ul>
              {refused.map((r) => (
                <li key={`${r.row}-${r.field}-${r.message}`}>
                  {t('teams.roster.row', { row: r.row })} : {r.field} — {r.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {report ? (
        <div role="status">
          <p className={report.invalid ? 'notice notice-error' : 'notice notice-success'}>
            {t('teams.roster.report', report)}
          </p>
          <ul>
            {report.report
              .filter((r) => r.errors.length)
              .map((r) => (
                <li key={r.row}>
                  {t('teams.roster.row', { row: r.row })} :{' '}
                  {r.errors.map((e) => `${e.field} — ${e.message}`).join(' ; ')}
                </li>
              ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
