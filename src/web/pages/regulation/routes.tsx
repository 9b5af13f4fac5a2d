/**
 * The regulation pages as lazily loaded route definitions: /regulation (requests and alerts),
 * /regulation/nouvelle, /regulation/:id, /prets, /prets/:id and /rapport-regulation.
 */
import { RequirePermission } from '../../components/Guards.tsx';
import { LoanPage } from './LoanPage.tsx';
import { LoansPage } from './LoansPage.tsx';
import { NewRequestPage } from './NewRequestPage.tsx';
import { ReportPage } from './ReportPage.tsx';
import { RequestPage } from './RequestPage.tsx';
import { RequestsPage } from './RequestsPage.tsx';

export const requests = {
  element: (
    <RequirePermission action="request:read">
      <RequestsPage />
    </RequirePermission>
  ),
};
export const newRequest = {
  element: (
    <RequirePermission action="request:create">
      <NewRequestPage />
    </RequirePermission>
  ),
};
export const request = {
  element: (
    <RequirePermission action="request:read">
      <RequestPage />
    </RequirePermission>
  ),
};
export const loans = {
  element: (
    <RequirePermission action="request:read">
      <LoansPage />
    </RequirePermission>
  ),
};
export const loan = {
  element: (
    <RequirePermission action="request:read">
      <LoanPage />
    </RequirePermission>
  ),
};
export const report = {
  element: (
    <RequirePermission action="report:regulation">
      <ReportPage />
    </RequirePermission>
  ),
};
