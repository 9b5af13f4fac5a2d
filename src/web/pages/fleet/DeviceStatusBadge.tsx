/** A console's status: its colour, an icon and the word. */
import { useTranslation } from 'react-i18next';
import type { TDeviceStatus } from '../../../contracts/fleet.ts';
import { Badge, type BadgeTone } from '../../components/Badge.tsx';

export const STATUS_ICON: Record<TDeviceStatus, string> = {
  available: '✓',
  in_use: '●',
  maintenance: '⚙',
  lent: '⇄',
  out_of_service: '✕',
  in_transit: '→',
};

const STATUS_TONE: Record<TDeviceStatus, BadgeTone> = {
  available: 'success',
  in_use: 'info',
  maintenance: 'warning',
  lent: 'away',
  out_of_service: 'off',
  in_transit: 'moving',
};

export function DeviceStatusBadge(props: { status: TDeviceStatus }) {
  const { t } = useTranslation();
  return (
    // device-status: the hook of the tests' selectors, not a style.
    <Badge tone={STATUS_TONE[props.status]} icon={STATUS_ICON[props.status]} className="device-status">
      {t(`fleet.status.${props.status}`)}
    </Badge>
  );
}
