/** Teams and whether each is deployable now: who is on duty until when, what is missing. */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TEAM_KINDS } from '../../../domain/teams.ts';
import { useUser } from '../../auth.tsx';
import { Badge } from '../../components/Badge.tsx';
import { formatTime } from '../../components/format.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { DataTable, FilterSelect, RegionFilter } from '../../components/ListParts.tsx';
import { pickParam, REGION_CODE, useUrlFilters } from '../../components/searchParams.ts';
import { homeRegion } from '../../components/userScope.ts';
import { paths } from '../../routes/paths.ts';
import { useAvailability } from './queries.ts';

export function TeamsPage() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const id = useId();
  const { params, update } = useUrlFilters();
  const national = user.grants.some((g) => g.scopeKind === 'nation');
  // Regulators look at a region (theirs by default); hospital users see their establishment's teams.
  const regional = national || user.grants.some((g) => g.scopeKind === 'region');
  const region = regional
    ? pickParam(params.get('region'), REGION_CODE) || (params.has('region') ? '' : homeRegion(user))
    : '';
  const kindParam = params.get('type') ?? '';
  const kind = (TEAM_KINDS as readonly string[]).includes(kindParam) ? (kindParam as (typeof TEAM_KINDS)[number]) : '';
  const availability = useAvailability({ region: region || undefined, kind: kind || undefined });
  const data = availability.data;
  const lang = i18n.language;
  return (
    <ListPage
      title={t('teams.teams.title')}
      className="team-ui"
      intro={t('teams.teams.intro')}
      filters={
        <>
          <FilterSelect
            id={`${id}-kind`}
            label={t('teams.teams.kind')}
            all={t('teams.teams.allKinds')}
            value={kind}
            onChange={(v) => update({ type: v || null })}
            options={TEAM_KINDS}
            optionLabel={(k) => t(`teams.kinds.${k}`)}
          />
          {regional ? (
            <RegionFilter id={`${id}-region`} value={region} user={user} onChange={(v) => update({ region: v })} />
          ) : null}
        </>
      }
      query={availability}
      count={data ? t('teams.teams.count', { count: data.items.length }) : null}
    >
      <DataTable
        caption={t('teams.teams.caption', { time: data ? formatTime(data.at, lang) : '' })}
        busy={availability.isFetching}
        colSpan={5}
        empty={t('teams.teams.empty')}
        columns={
          <>
            <th scope="col">{t('teams.teams.columns.team')}</th>
            <th scope="col">{t('teams.teams.columns.base')}</th>
            <th scope="col">{t('teams.teams.columns.status')}</th>
            <th scope="col">{t('teams.teams.columns.onDuty')}</th>
            <th scope="col">{t('teams.teams.columns.missing')}</th>
          </>
        }
        rows={(data?.items ?? []).map((team) => (
          <tr key={team.id} data-team={team.name} className={team.deployable ? undefined : 'reg-row-overdue'}>
            <th scope="row">
              <Link to={paths.team(team.id)}>{team.name}</Link>
              <span className="muted">
                {' '}
                · {t(`teams.kinds.${team.kind}`)}
                {team.transport ? ` · ${t(`teams.transport.${team.transport}`)}` : ''}
              </span>
            </th>
            <td>{team.base.name}</td>
            <td>
              <DeployableBadge deployable={team.deployable} readyInMinutes={team.readyInMinutes} />
            </td>
            <td>
              <ul className="roster-shifts">
                {team.onDuty.map((p) => (
                  <li key={p.professionalId}>
                    {p.name}{' '}
                    <span className="muted">
                      · {t(`teams.roles.${p.role}`)} · {t(`teams.shiftKinds.${p.kind}`)}
                    </span>{' '}
                    <span className="muted">({t('teams.teams.until', { time: formatTime(p.until, lang) })})</span>
                  </li>
                ))}
              </ul>
            </td>
            <td>{team.missing.map((slot) => slot.map((r) => t(`teams.roles.${r}`)).join(' / ')).join(', ')}</td>
          </tr>
        ))}
      />
    </ListPage>
  );
}

function DeployableBadge(props: { deployable: boolean; readyInMinutes: number | null }) {
  const { t } = useTranslation();
  return props.deployable ? (
    <Badge tone="success" icon="✓">
      {t('teams.teams.deployable')}{' '}
      <span className="team-ready">
        (
        {props.readyInMinutes ? t('teams.teams.readyIn', { minutes: props.readyInMinutes }) : t('teams.teams.readyNow')}
        )
      </span>
    </Badge>
  ) : (
    <Badge tone="danger" strong icon="✕">
      {t('teams.teams.notDeployable')}
    </Badge>
  );
}
