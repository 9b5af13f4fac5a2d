/**
 * The fleet pages as lazily loaded route definitions: /consoles, /consoles/nouvelle, /consoles/:id
 * and /consommables.
 */
import { RequirePermission } from '../../components/Guards.tsx';
import { DevicePage } from './DevicePage.tsx';
import { DevicesPage } from './DevicesPage.tsx';
import { NewDevicePage } from './NewDevicePage.tsx';
import { StockPage } from './StockPage.tsx';

export const devices = {
  element: (
    <RequirePermission action="device:list">
      <DevicesPage />
    </RequirePermission>
  ),
};

export const newDevice = {
  element: (
    <RequirePermission action="device:create">
      <NewDevicePage />
    </RequirePermission>
  ),
};

export const device = {
  element: (
    <RequirePermission action="device:read">
      <DevicePage />
    </RequirePermission>
  ),
};

export const stock = {
  element: (
    <RequirePermission action="stock:list">
      <StockPage />
    </RequirePermission>
  ),
};
