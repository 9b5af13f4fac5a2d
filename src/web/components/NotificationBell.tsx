/** The header's alert count for regulators: active notifications, live; a link to acknowledge them. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useNotifications } from '../api/queries.ts';
import { can, useUser } from '../auth.tsx';
import { paths } from '../routes/paths.ts';

export function NotificationBell() {
  const { t } = useTranslation();
  const user = useUser();
  const allowed = can(user, 'notification:read');
  const notifications = useNotifications(allowed);
  if (!allowed) return null;
  const count = notifications.data?.active ?? 0;
  return (
    <Link
      to={`${paths.requests()}#alertes`}
      className={count > 0 ? 'reg-bell reg-bell-active' : 'reg-bell'}
      aria-live="polite"
      data-testid="notification-bell"
    >
      {t('regulation.notifications.bell', { count })}
    </Link>
  );
}
