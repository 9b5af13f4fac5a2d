/**
 * The boards as lazily loaded route definitions (the router imports this module on first visit, so
 * the map code loads only with the boards): /tableau-national, /tableau-regional[/:region].
 */
import { RequirePermission } from '../../components/Guards.tsx';
import { NationalBoardPage } from './NationalBoardPage.tsx';
import { RegionalBoardIndex, RegionalBoardPage } from './RegionalBoardPage.tsx';

export const nationalBoard = {
  element: (
    <RequirePermission action="board:national">
      <NationalBoardPage />
    </RequirePermission>
  ),
};

export const regionalBoardIndex = {
  element: (
    <RequirePermission action="board:regional">
      <RegionalBoardIndex />
    </RequirePermission>
  ),
};

export const regionalBoard = {
  element: (
    <RequirePermission action="board:regional">
      <RegionalBoardPage />
    </RequirePermission>
  ),
};
