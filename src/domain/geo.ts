/** Travel estimates from coordinates (the assumptions are shown to regulators beside each option). */

export interface Point {
  lat: number;
  lon: number;
}

export interface TravelAssumptions {
  /** Road distance ÷ great-circle distance (French road networks: about 1.3). */
  roadFactor: number;
  /** Average road speed with lights and sirens, km/h. */
  roadSpeedKmh: number;
  /** Helicopter cruise speed, km/h; null when air transport is not configured. */
  airSpeedKmh: number | null;
  /** Minutes to get a helicopter airborne and landed, added to the flight. */
  airOverheadMin: number;
  /** Air is used beyond this great-circle distance, km. */
  airAboveKm: number;
}

export const DEFAULT_TRAVEL: TravelAssumptions = {
  roadFactor: 1.3,
  roadSpeedKmh: 80,
  airSpeedKmh: null,
  airOverheadMin: 20,
  airAboveKm: 120,
};

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance (haversine), km. */
export function greatCircleKm(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export const TRAVEL_MODES = ['road', 'air'] as const;
export type TravelMode = (typeof TRAVEL_MODES)[number];

export interface TravelEstimate {
  mode: TravelMode;
  distanceKm: number;
  minutes: number;
}

/** Road time, or air when configured and the distance warrants it (whichever is faster). */
export function estimateTravel(from: Point, to: Point, t: TravelAssumptions = DEFAULT_TRAVEL): TravelEstimate {
  const gc = greatCircleKm(from, to);
  const roadKm = gc * t.roadFactor;
  const road: TravelEstimate = {
    mode: 'road',
    distanceKm: Math.round(roadKm),
    minutes: Math.round((roadKm / t.roadSpeedKmh) * 60),
  };
  if (t.airSpeedKmh && gc > t.airAboveKm) {
    const air: TravelEstimate = {
      mode: 'air',
      distanceKm: Math.round(gc),
      minutes: Math.round((gc / t.airSpeedKmh) * 60 + t.airOverheadMin),
    };
    if (air.minutes < road.minutes) return air;
  }
  return road;
}
