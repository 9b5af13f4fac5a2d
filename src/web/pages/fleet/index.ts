/** The fleet's pages (consoles, consumables, upkeep), one chunk loaded on the first visit: see routes/table.ts. */
export { DevicePage } from './DevicePage.tsx';
export { DevicesPage } from './DevicesPage.tsx';
export { NewDevicePage } from './NewDevicePage.tsx';
export { StockPage } from './StockPage.tsx';
export { UpkeepPage } from './UpkeepPage.tsx';
