/**
 * One professional: identifier, establishments, teams, qualifications checked on a chosen day, a form
 * to add one, continuing-training hours and activity per year.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ops } from '../../../contracts/operations.ts';
import type { TProfessional } from '../../../contracts/teams.ts';
import { call } from '../../api/client.ts';
import { teamKeys } from '../../api/keys.ts';
import { retryUnlessRefused } from '../../api/queries.ts';
import { can, useUser } from '../../auth.tsx';
import { parisToday } from '../../clock.ts';
import { Badge } from '../../components/Badge.tsx';
import { LiveRegion, useErrorText } from '../../components/Feedback.tsx';
import { formatDay } from '../../components/format.ts';
import { RecordList } from '../../components/PageParts.tsx';
import { RecordPage } from '../../components/RecordPage.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { paths } from '../../routes/paths.ts';
import { AddQualification } from './AddQualification.tsx';
import { YearCounts, type YearEntry } from './YearCounts.tsx';

export function ProfessionalPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const valid = /^[0-9a-f-]{36}$/.test(id);
  const [on, setOn] = useState(parisToday());
  const professional = useQuery({
    queryKey: teamKeys.professional.on(id, on),
    queryFn: () => call(ops.getProfessional, { params: { id }, query: { on } }),
    enabled: valid && /^\d{4}-\d{2}-\d{2}$/.test(on),
    retry: retryUnlessRefused,
  });
  const p = professional.data;
  usePageTitle(p ? `${p.firstName} ${p.lastName}` : t('teams.professionals.title'));
  const created = (location.state as { created?: boolean } | null)?.created;
  return (
    <RecordPage
      className="team-ui"
      back={{ to: paths.professionals(), label: t('teams.professional.back') }}
      query={professional}
      invalid={!valid}
      notFound={t('teams.professional.notFound')}
      before={<LiveRegion tone="success">{created && p ? t('teams.newProfessional.created') : null}</LiveRegion>}
    >
      {(found) => <ProfessionalView professional={found} on={on} onChangeDay={setOn} />}
    </RecordPage>
  );
}

function ProfessionalView(props: { professional: TProfessional; on: string; onChangeDay: (day: string) => void }) {
  const { t, i18n } = useTranslation();
  const p = props.professional;
  const user = useUser();
  const id = useId();
  const lang = i18n.language;
  const editable = can(user, 'professional:write');
  return (
    <>
      <h1>
        {p.firstName} {p.lastName} <span className="muted">· {t(`teams.professions.${p.profession}`)}</span>
      </h1>
      {p.warnings.map((w) => (
        <p key={w.code} className="notice notice-info">
          {w.message}
        </p>
      ))}
      <div className="reg-layout">
        <div>
          <RecordList
            rows={[
              [t('teams.professional.identifier'), `${t(`teams.idKinds.${p.identifier.kind}`)} ${p.identifier.value}`],
              [t('teams.professional.establishments'), p.establishments.map((e) => e.name).join(', ')],
              [t('teams.professional.contact'), [p.email, p.phone].filter(Boolean).join(' · ') || '—'],
              [
                t('teams.professional.teams'),
                p.teams.length ? (
                  <span key="teams">
                    {p.teams.map((tm, i) => (
                      <span key={tm.id}>
                        {i ? ', ' : ''}
                        <Link to={paths.team(tm.id)}>{tm.name}</Link> ({t(`teams.roles.${tm.role}`)})
                      </span>
                    ))}
                  </span>
                ) : (
                  '—'
                ),
              ],
            ]}
          />
          <h2>{t('teams.professional.qualifications')}</h2>
          <div className="field field-inline">
            <label htmlFor={`${id}-on`}>{t('teams.professional.validOn')}</label>
            <input id={`${id}-on`} type="date" value={props.on} onChange={(e) => props.onChangeDay(e.target.value)} />
          </div>
          <div className="table-scroll">
            <table className="data-table">
              <caption>{t('teams.professional.qualifications')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('teams.professional.kind')}</th>
                  <th scope="col">{t('teams.professional.issuer')}</th>
                  <th scope="col">{t('teams.professional.issuedOn')}</th>
                  <th scope="col">{t('teams.professional.validUntil')}</th>
                  <th scope="col">{t('teams.professional.validOn')}</th>
                </tr>
              </thead>
              <tbody>
                {p.qualifications.map((q) => (
                  <tr key={q.id}>
                    <th scope="row">{t(`teams.qualifications.${q.kind}`)}</th>
                    <td>{q.issuer}</td>
                    <td>{formatDay(q.issuedOn, lang)}</td>
                    <td>{q.validUntil ? formatDay(q.validUntil, lang) : t('teams.professional.noExpiry')}</td>
                    <td>
                      <Badge tone={q.valid ? 'success' : 'danger'} strong={!q.valid}>
                        {q.valid ? t('teams.professional.valid') : t('teams.professional.invalid')}
                      </Badge>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {editable ? <AddQualification professional={p} /> : null}
        </div>
        <YearFigures professional={p} editable={editable} />
      </div>
    </>
  );
}

/** Training hours and CEC/ECMO runs per year, with a form to record a year's figures. */
function YearFigures(props: { professional: TProfessional; editable: boolean }) {
  const { t } = useTranslation();
  const p = props.professional;
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [done, setDone] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: ({ year, hours, cec, ecmo }: YearEntry) =>
      call(ops.updateProfessional, {
        params: { id: p.id },
        body: {
          version: p.version,
          ...(hours ? { trainingHours: [{ year: Number(year), hours: Number(hours.replace(',', '.')) }] } : {}),
          ...(cec || ecmo
            ? { activity: [{ year: Number(year), cecRuns: Number(cec || 0), ecmoRuns: Number(ecmo || 0) }] }
            : {}),
        },
      }),
    onSuccess: () => {
      setDone(t('teams.professional.recorded'));
      void queryClient.invalidateQueries({ queryKey: teamKeys.professional.one(p.id) });
    },
  });
  const years = [...new Set([...p.trainingHours.map((h) => h.year), ...p.activity.map((a) => a.year)])].sort(
    (a, b) => b - a,
  );
  return (
    <YearCounts
      title={`${t('teams.professional.training')} · ${t('teams.professional.activity')}`}
      columns={[t('teams.professional.hours'), t('teams.professional.cecRuns'), t('teams.professional.ecmoRuns')]}
      rows={years.map((year) => {
        const a = p.activity.find((x) => x.year === year);
        return { year, cells: [p.trainingHours.find((x) => x.year === year)?.hours, a?.cecRuns, a?.ecmoRuns] };
      })}
      form={
        props.editable
          ? {
              counts: [
                ['hours', t('teams.professional.hours')],
                ['cec', t('teams.professional.cecRuns')],
                ['ecmo', t('teams.professional.ecmoRuns')],
              ],
              onSubmit: (figures) => {
                setDone(null);
                save.mutate(figures);
              },
              pending: save.isPending,
              outcome: { error: save.isError, text: save.isError ? errorText(save.error) : done },
            }
          : undefined
      }
    />
  );
}
