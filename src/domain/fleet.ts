/** The fleet's vocabulary (console statuses, sites, consumables) and its one rule on lots, pure. */

export const DEVICE_STATUSES = ['available', 'in_use', 'maintenance', 'lent', 'out_of_service', 'in_transit'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

/** Where something stands: an establishment (FINESS) or a national-stock depot. */
export const SITE_KINDS = ['establishment', 'depot'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

/** What a line of a console's history records. */
export const DEVICE_EVENT_KINDS = ['created', 'status', 'moved', 'updated'] as const;
export type DeviceEventKind = (typeof DEVICE_EVENT_KINDS)[number];

export const STOCK_KINDS = ['circuit', 'cannula'] as const;
export type StockKind = (typeof STOCK_KINDS)[number];

export const CANNULA_TYPES = ['venous', 'arterial', 'dual_lumen'] as const;
export type CannulaType = (typeof CANNULA_TYPES)[number];

/**
 * A lot counts as available only until the end of its expiry date (a Paris date). The SQL form of
 * this rule is `unexpiredLot` in modules/fleet/stock.repository.ts.
 */
export function isExpired(expiryDate: string, today: string): boolean {
  return expiryDate < today;
}
