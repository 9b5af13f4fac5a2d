/** The boards' pages, one chunk loaded on the first visit (the map code comes with it): see routes/table.ts. */
export { NationalBoardPage } from './NationalBoardPage.tsx';
export { RegionalBoardIndex } from './RegionalBoardIndex.tsx';
export { RegionalBoardPage } from './RegionalBoardPage.tsx';
