/** One team: its base, transport and members with their valid qualifications; members can be changed. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ops } from '../../../contracts/operations.ts';
import type { TTeam } from '../../../contracts/teams.ts';
import { MEMBER_ROLES, type MemberRole } from '../../../domain/teams.ts';
import { call } from '../../api/client.ts';
import { teamKeys } from '../../api/keys.ts';
import { retryUnlessRefused } from '../../api/queries.ts';
import { can, useUser } from '../../auth.tsx';
import { LiveRegion, useErrorText } from '../../components/Feedback.tsx';
import { RecordList } from '../../components/PageParts.tsx';
import { RecordPage } from '../../components/RecordPage.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { paths } from '../../routes/paths.ts';
import { CentreActivity } from './CentreActivity.tsx';
import { TeamShifts } from './TeamShifts.tsx';

export function TeamPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const valid = /^[0-9a-f-]{36}$/.test(id);
  const team = useQuery({
    queryKey: teamKeys.team.one(id),
    queryFn: () => call(ops.getTeam, { params: { id } }),
    enabled: valid,
    retry: retryUnlessRefused,
  });
  usePageTitle(team.data?.name ?? t('teams.teams.title'));
  return (
    <RecordPage
      className="team-ui"
      back={{ to: paths.teams(), label: t('teams.team.back') }}
      query={team}
      invalid={!valid}
      notFound={t('teams.team.notFound')}
    >
      {(found) => <TeamView team={found} />}
    </RecordPage>
  );
}

function TeamView(props: { team: TTeam }) {
  const { t } = useTranslation();
  const user = useUser();
  const team = props.team;
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const editable = can(user, 'team:write');
  const [members, setMembers] = useState(
    team.members.map((m) => ({ professionalId: m.professionalId, role: m.role, name: m.name })),
  );
  const [adding, setAdding] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const candidates = useQuery({
    queryKey: teamKeys.professionals.list({ finess: team.base.finess, limit: 200 }),
    queryFn: () => call(ops.listProfessionals, { query: { finess: team.base.finess, limit: 200 } }),
    enabled: editable,
  });
  const save = useMutation({
    mutationFn: () =>
      call(ops.updateTeamMembers, {
        params: { id: team.id },
        body: { version: team.version, members: members.map(({ professionalId, role }) => ({ professionalId, role })) },
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(teamKeys.team.one(team.id), updated);
      void queryClient.invalidateQueries({ queryKey: teamKeys.availability.all });
      setDone(t('teams.team.saved'));
    },
  });
  const byId = new Map(team.members.map((m) => [m.professionalId, m]));
  const available = (candidates.data?.items ?? []).filter((p) => !members.some((m) => m.professionalId === p.id));
  return (
    <>
      <h1>{team.name}</h1>
      <RecordList
        rows={[
          [t('teams.teams.kind'), t(`teams.kinds.${team.kind}`)],
          [t('teams.team.base'), team.base.name],
          ...(team.transport ? [[t('teams.team.transport'), t(`teams.transport.${team.transport}`)] as const] : []),
        ]}
      />
      <TeamShifts team={team} />
      <h2>{t('teams.team.members')}</h2>
      <LiveRegion tone={save.isError ? 'error' : 'success'}>{save.isError ? errorText(save.error) : done}</LiveRegion>
      <div className="table-scroll">
        <table className="data-table">
          <caption>{t('teams.team.members')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('teams.team.name')}</th>
              <th scope="col">{t('teams.team.role')}</th>
              <th scope="col">{t('teams.team.qualifications')}</th>
              {editable ? <th scope="col">{t('teams.team.remove')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {members.map((m, i) => (
              <tr key={m.professionalId}>
                <th scope="row">
                  <Link to={paths.professional(m.professionalId)}>{m.name}</Link>
                </th>
                <td>
                  {editable ? (
                    <select
                      aria-label={`${t('teams.team.role')} — ${m.name}`}
                      value={m.role}
                      onChange={(e) =>
                        setMembers((prev) =>
                          prev.map((x, j) => (j === i ? { ...x, role: e.target.value as MemberRole } : x)),
                        )
                      }
                    >
                      {MEMBER_ROLES.map((r) => (
                        <option key={r} value={r}>
                          {t(`teams.roles.${r}`)}
                        </option>
                      ))}
                    </select>
                  ) : (
                    t(`teams.roles.${m.role}`)
                  )}
                </td>
                <td>
                  {(byId.get(m.professionalId)?.validQualifications ?? [])
                    .map((q) => t(`teams.qualifications.${q}`))
                    .join(', ')}
                </td>
                {editable ? (
                  <td>
                    <button
                      type="button"
                      className="button button-secondary"
                      onClick={() => setMembers((prev) => prev.filter((_, j) => j !== i))}
                    >
                      {t('teams.team.remove')}
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editable ? (
        <div className="form">
          <div className="field">
            <label htmlFor="team-add">{t('teams.team.add')}</label>
            <select
              id="team-add"
              value={adding}
              onChange={(e) => {
                const p = available.find((x) => x.id === e.target.value);
                if (!p) return;
                const role: MemberRole =
                  p.profession === 'perfusionist'
                    ? 'perfusionist'
                    : p.profession === 'nurse'
                      ? 'nurse'
                      : p.profession === 'cardiac_surgeon'
                        ? 'surgeon'
                        : 'intensivist';
                setMembers((prev) => [...prev, { professionalId: p.id, role, name: `${p.firstName} ${p.lastName}` }]);
                setAdding('');
              }}
            >
              <option value="">{t('teams.team.choose')}</option>
              {available.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.lastName} {p.firstName} — {t(`teams.professions.${p.profession}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="form-actions">
            <button
              type="button"
              className="button button-primary"
              disabled={save.isPending}
              onClick={() => save.mutate()}
            >
              {save.isPending ? t('teams.team.saving') : t('teams.team.save')}
            </button>
          </div>
        </div>
      ) : null}
      <CentreActivity finess={team.base.finess} name={team.base.name} />
    </>
  );
}
