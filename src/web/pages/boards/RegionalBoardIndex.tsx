/**
 * /tableau-regional: the user's region when there is one, else a choice among the regions they may
 * see; and the selector the regional board uses to switch between them.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import type { TCurrentUser } from '../../../contracts/auth.ts';
import { useRegions } from '../../api/queries.ts';
import { useUser } from '../../auth.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { paths } from '../../routes/paths.ts';

/** The regions whose board a user may open: all for national scopes, else those of regional grants. */
export function boardRegionsOf(
  user: TCurrentUser,
  all: readonly { code: string; name: string }[],
): { code: string; name: string }[] {
  if (user.grants.some((g) => g.scopeKind === 'nation')) return [...all];
  const codes = new Set(
    user.grants.filter((g) => g.scopeKind === 'region' && g.scopeCode).map((g) => g.scopeCode as string),
  );
  const known = all.filter((r) => codes.has(r.code));
  if (known.length > 0 || all.length > 0) return known;
  return user.grants
    .filter((g) => g.scopeKind === 'region' && g.scopeCode)
    .map((g) => ({ code: g.scopeCode as string, name: g.scopeLabel ?? (g.scopeCode as string) }));
}

export function useBoardRegions() {
  const user = useUser();
  const regions = useRegions();
  const all = (regions.data ?? []).map((r) => ({ code: r.code, name: r.name }));
  return { list: boardRegionsOf(user, all), loading: regions.isPending };
}

export function RegionSelect(props: { value: string; regions: readonly { code: string; name: string }[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = useId();
  return (
    <div className="field region-select">
      <label htmlFor={id}>{t('boards.regional.chooseRegion')}</label>
      <select
        id={id}
        value={props.value}
        onChange={(e) => e.target.value && navigate(paths.regionalBoard(e.target.value))}
      >
        {props.value ? null : <option value="">{t('boards.regional.chooseRegionPrompt')}</option>}
        {props.regions.map((r) => (
          <option key={r.code} value={r.code}>
            {r.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** /tableau-regional: the user's region, or a choice. */
export function RegionalBoardIndex() {
  const { t } = useTranslation();
  usePageTitle(t('boards.regional.title'));
  const { list, loading } = useBoardRegions();
  if (list.length === 1 && list[0]) return <Navigate to={paths.regionalBoard(list[0].code)} replace />;
  return (
    <section className="page board fleet-ui">
      <h1>{t('boards.regional.title')}</h1>
      {loading ? (
        <p role="status">{t('app.loading')}</p>
      ) : list.length === 0 ? (
        <p>{t('boards.regional.noRegion')}</p>
      ) : (
        <>
          <p>{t('boards.regional.chooseIntro')}</p>
          <RegionSelect value="" regions={list} />
          <ul className="region-links">
            {list.map((r) => (
              <li key={r.code}>
                <Link to={paths.regionalBoard(r.code)}>{r.name}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
