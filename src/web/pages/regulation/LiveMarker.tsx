import { useTranslation } from 'react-i18next';
import { type LiveState, useLiveState } from '../../live.tsx';

const LIVE_ICON: Record<LiveState, string> = { open: '●', connecting: '◌', closed: '○' };

/** Whether the page is live (server-sent events) or only polled. */
export function LiveMarker() {
  const { t } = useTranslation();
  const state = useLiveState();
  return (
    <p className={`reg-live reg-live-${state}`} role="status">
      <span aria-hidden="true">{LIVE_ICON[state]} </span>
      {t(`regulation.live.${state}`)}
    </p>
  );
}
