/** The regulation pages (requests, loans, the report), one chunk loaded on the first visit: see routes/table.ts. */
export { LoanPage } from './LoanPage.tsx';
export { LoansPage } from './LoansPage.tsx';
export { NewRequestPage } from './NewRequestPage.tsx';
export { ReportPage } from './ReportPage.tsx';
export { RequestPage } from './RequestPage.tsx';
export { RequestsPage } from './RequestsPage.tsx';
