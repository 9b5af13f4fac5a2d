/** The census pages, one chunk loaded on the first visit: see routes/table.ts. */
export { CensusEstablishmentPage } from './CensusEstablishmentPage.tsx';
export { CensusImportPage } from './CensusImportPage.tsx';
export { CensusPage } from './CensusPage.tsx';
export { OutboxPage } from './OutboxPage.tsx';
