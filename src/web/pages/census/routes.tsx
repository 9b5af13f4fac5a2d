/**
 * The census pages as lazily loaded route definitions (the router imports this module on first
 * visit): /recensement, /recensement/import, /recensement/:finess and /courriels.
 */
import { RequirePermission } from '../../components/Guards.tsx';
import { CensusEstablishmentPage } from './CensusEstablishmentPage.tsx';
import { CensusImportPage } from './CensusImportPage.tsx';
import { CensusPage } from './CensusPage.tsx';
import { OutboxPage } from './OutboxPage.tsx';

export const census = {
  element: (
    <RequirePermission action="census:read">
      <CensusPage />
    </RequirePermission>
  ),
};

export const censusImport = {
  element: (
    <RequirePermission action="census:submit">
      <CensusImportPage />
    </RequirePermission>
  ),
};

export const censusEstablishment = {
  element: (
    <RequirePermission action="census:read">
      <CensusEstablishmentPage />
    </RequirePermission>
  ),
};

export const outbox = {
  element: (
    <RequirePermission action="outbox:read">
      <OutboxPage />
    </RequirePermission>
  ),
};
