/** A console's status: its colour, an icon and the word. */
import { useTranslation } from 'react-i18next';
import type { TDeviceStatus } from '../../../contracts/fleet.ts';

export const STATUS_ICON: Record<TDeviceStatus, string> = {
  available: '✓',
  in_use: '●',
  maintenance: '⚙',
  lent: '⇄',
  out_of_service: '✕',
  in_transit: '→',
};

export function DeviceStatusBadge(props: { status: TDeviceStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`device-status device-${props.status}`}>
      <span aria-hidden="true">{STATUS_ICON[props.status]} </span>
      {t(`fleet.status.${props.status}`)}
    </span>
  );
}
