/** Professionals within reach: search by name or identifier, filters by profession and valid qualification. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ops } from '../../../contracts/operations.ts';
import { PROFESSIONS, QUALIFICATION_KINDS } from '../../../domain/teams.ts';
import { call } from '../../api/client.ts';
import { teamKeys } from '../../api/keys.ts';
import { can, useUser } from '../../auth.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { DataTable, FilterSelect, SearchField } from '../../components/ListParts.tsx';
import { CreateLink } from '../../components/PageParts.tsx';
import { usePagedFilters, useSearchText } from '../../components/searchParams.ts';
import { paths } from '../../routes/paths.ts';

const PAGE_SIZE = 50;

export function ProfessionalsPage() {
  const { t } = useTranslation();
  const user = useUser();
  const id = useId();
  const { params, update, offset, pages } = usePagedFilters(PAGE_SIZE);
  const { q, text, setText } = useSearchText(params, update);
  const professionParam = params.get('profession') ?? '';
  const profession = (PROFESSIONS as readonly string[]).includes(professionParam)
    ? (professionParam as (typeof PROFESSIONS)[number])
    : '';
  const qualParam = params.get('qualification') ?? '';
  const qualification = (QUALIFICATION_KINDS as readonly string[]).includes(qualParam)
    ? (qualParam as (typeof QUALIFICATION_KINDS)[number])
    : '';
  const query = {
    q: q || undefined,
    profession: profession || undefined,
    qualification: qualification || undefined,
    limit: PAGE_SIZE,
    offset,
  };
  const list = useQuery({
    queryKey: teamKeys.professionals.list(query),
    queryFn: () => call(ops.listProfessionals, { query }),
    placeholderData: keepPreviousData,
  });
  const data = list.data;
  return (
    <ListPage
      title={t('teams.professionals.title')}
      className="team-ui"
      actions={
        <CreateLink to={paths.newProfessional()} allowed={can(user, 'professional:write')}>
          {t('teams.professionals.create')}
        </CreateLink>
      }
      filters={
        <>
          <SearchField id={`${id}-q`} label={t('teams.professionals.search')} value={text} onChange={setText} />
          <FilterSelect
            id={`${id}-profession`}
            label={t('teams.professionals.profession')}
            all={t('teams.professionals.allProfessions')}
            value={profession}
            onChange={(v) => update({ profession: v || null })}
            options={PROFESSIONS}
            optionLabel={(p) => t(`teams.professions.${p}`)}
          />
          <FilterSelect
            id={`${id}-qualification`}
            label={t('teams.professionals.qualification')}
            all={t('teams.professionals.allQualifications')}
            value={qualification}
            onChange={(v) => update({ qualification: v || null })}
            options={QUALIFICATION_KINDS}
            optionLabel={(k) => t(`teams.qualifications.${k}`)}
          />
        </>
      }
      query={list}
      count={data ? t('teams.professionals.count', { count: data.total }) : null}
    >
      <DataTable
        caption={t('teams.professionals.caption')}
        busy={list.isFetching}
        colSpan={5}
        empty={t('teams.professionals.empty')}
        columns={
          <>
            <th scope="col">{t('teams.professionals.columns.name')}</th>
            <th scope="col">{t('teams.professionals.columns.identifier')}</th>
            <th scope="col">{t('teams.professionals.columns.profession')}</th>
            <th scope="col">{t('teams.professionals.columns.establishments')}</th>
            <th scope="col">{t('teams.professionals.columns.qualifications')}</th>
          </>
        }
        rows={(data?.items ?? []).map((p) => (
          <tr key={p.id}>
            <th scope="row">
              <Link to={paths.professional(p.id)}>
                {p.lastName} {p.firstName}
              </Link>
            </th>
            <td>
              <span className="muted">{t(`teams.idKinds.${p.identifier.kind}`)}</span>{' '}
              <span className="mono">{p.identifier.value}</span>
            </td>
            <td>{t(`teams.professions.${p.profession}`)}</td>
            <td>{p.establishments.map((e) => e.name).join(', ')}</td>
            <td>{p.validQualifications.map((k) => t(`teams.qualifications.${k}`)).join(', ')}</td>
          </tr>
        ))}
        pages={pages(data?.total)}
      />
    </ListPage>
  );
}
