/** Home: who you are here (roles and scopes) and the sections your roles open. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useUser } from '../auth.tsx';
import { grantLabel } from '../components/format.ts';
import { usePageTitle } from '../components/usePageTitle.ts';
import { navigationFor, type Section } from '../routes/navigation.ts';

export function HomePage() {
  const user = useUser();
  const { t } = useTranslation();
  usePageTitle(t('home.title'));
  const sections = navigationFor(user);
  // Who cannot create users is told the list is read-only.
  const describe = (s: Section) => t(s.id === 'users' && !can(user, 'user:create') ? 'home.usersTextReadOnly' : s.home);
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
              <p>{describe(s)}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
