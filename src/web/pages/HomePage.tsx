/** Home: who you are here (roles and scopes) and the sections your roles open. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useUser } from '../auth.tsx';
import { navigationFor } from '../components/navigation.ts';
import { usePageTitle } from '../components/usePageTitle.ts';
import { grantLabel } from '../format.ts';

export function HomePage() {
  const user = useUser();
  const { t } = useTranslation();
  usePageTitle(t('home.title'));
  const sections = navigationFor(user);
  const describe = (to: string): string => {
    if (to === '/etablissements') return t('home.establishmentsText');
    if (to === '/tableau-national') return t('fleet.home.nationalBoard');
    if (to === '/tableau-regional') return t('fleet.home.regionalBoard');
    if (to === '/consoles') return t('fleet.home.devices');
    if (to === '/consommables') return t('fleet.home.stock');
    if (to === '/recensement') return t('census.home.census');
    if (to === '/courriels') return t('census.home.outbox');
    if (to === '/regulation') return t('regulation.home.requests');
    if (to === '/prets') return t('regulation.home.loans');
    if (to === '/rapport-regulation') return t('regulation.home.report');
    if (to === '/astreintes') return t('teams.home.roster');
    if (to === '/equipes') return t('teams.home.teams');
    if (to === '/professionnels') return t('teams.home.professionals');
    if (to === '/entretien') return t('teams.home.upkeep');
    return can(user, 'user:create') ? t('home.usersText') : t('home.usersTextReadOnly');
  };
  return (
    <section className="page">
      <h1>{t('home.welcome', { name: user.displayName })}</h1>
      <h2>{t('home.yourRoles')}</h2>
      <ul className="role-list">
        {user.grants.map((g) => {
          const { role, scope } = grantLabel(g, t);
          return (
            <li key={`${g.role}:${g.scopeCode ?? ''}`}>
              <span className="role-name">{role}</span>
              <span className="role-scope">
                {g.scopeKind === 'nation' ? scope : t('home.scopeOf', { kind: t(`scopeKinds.${g.scopeKind}`), scope })}
              </span>
            </li>
          );
        })}
      </ul>
      <h2>{t('home.sections')}</h2>
      {sections.length === 0 ? (
        <p>{t('home.noSection')}</p>
      ) : (
        <ul className="cards">
          {sections.map((s) => (
            <li key={s.to} className="card">
              <Link to={s.to} className="card-link">
                {t(s.label)}
              </Link>
              <p>{describe(s.to)}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
