/**
 * Layout of the map of French regions: metropolitan France (with Corsica) in a conformal conic
 * projection centred on France, and the five overseas regions, at their true positions in the data,
 * each drawn in a small inset box with its own projection fitted to the box.
 */
import {
  type ExtendedFeature,
  type ExtendedFeatureCollection,
  geoArea,
  geoConicConformal,
  geoMercator,
  geoPath,
} from 'd3-geo';

export const OVERSEAS = ['01', '02', '03', '04', '06'] as const;

export const MAP_WIDTH = 660;
export const MAP_HEIGHT = 560;
const INSET = { x: 6, y: 14, width: 112, height: 94, gap: 12, caption: 16 };
const METRO = { x0: 136, y0: 6, x1: MAP_WIDTH - 6, y1: MAP_HEIGHT - 6 };

export interface RegionFeature {
  code: string;
  name: string;
  feature: ExtendedFeature;
}

export interface PlacedRegion {
  code: string;
  name: string;
  /** SVG path data of the outline. */
  d: string;
  /** Where the count label goes. */
  label: [number, number];
  /** The inset frame of an overseas region. */
  inset: { x: number; y: number; width: number; height: number } | null;
}

type Ring = number[][];
type Geometry = { type: string; coordinates: unknown };

/** d3-geo wants exterior rings clockwise; a polygon covering more than half the sphere was wound the other way. */
function rewind(feature: ExtendedFeature): ExtendedFeature {
  if (geoArea(feature) <= 2 * Math.PI) return feature;
  const geometry = feature.geometry as Geometry;
  const reverse = (rings: Ring[]) => rings.map((r) => [...r].reverse());
  const coordinates =
    geometry.type === 'Polygon'
      ? reverse(geometry.coordinates as Ring[])
      : (geometry.coordinates as Ring[][]).map((polygon) => reverse(polygon));
  return { ...feature, geometry: { ...geometry, coordinates } as ExtendedFeature['geometry'] };
}

/** The regions of a GeoJSON FeatureCollection from `getRegionShapes` (properties.code, properties.nom). */
export function readRegions(collection: { features: readonly unknown[] }): RegionFeature[] {
  const out: RegionFeature[] = [];
  for (const raw of collection.features) {
    const feature = raw as ExtendedFeature<ExtendedFeature['geometry'], { code?: unknown; nom?: unknown } | null>;
    const code = feature?.properties?.code;
    if (typeof code !== 'string' || !feature.geometry) continue;
    const name = typeof feature.properties?.nom === 'string' ? feature.properties.nom : code;
    out.push({ code, name, feature: rewind(feature as ExtendedFeature) });
  }
  return out;
}

/** Manual nudges of a few labels that the centroid places badly (in map units). */
const LABEL_NUDGE: Record<string, [number, number]> = {
  '93': [-6, -6],
  '76': [8, 4],
  '75': [6, 10],
};

export function layoutRegions(regions: readonly RegionFeature[]): PlacedRegion[] {
  const metro = regions.filter((r) => !(OVERSEAS as readonly string[]).includes(r.code));
  const collection: ExtendedFeatureCollection = { type: 'FeatureCollection', features: metro.map((r) => r.feature) };
  const projection = geoConicConformal()
    .parallels([44, 49])
    .rotate([-3, 0])
    .fitExtent(
      [
        [METRO.x0, METRO.y0],
        [METRO.x1, METRO.y1],
      ],
      collection,
    );
  const path = geoPath(projection);
  const placed: PlacedRegion[] = metro.map((r) => {
    const [cx, cy] = path.centroid(r.feature);
    const [dx, dy] = LABEL_NUDGE[r.code] ?? [0, 0];
    return { code: r.code, name: r.name, d: path(r.feature) ?? '', label: [cx + dx, cy + dy], inset: null };
  });

  OVERSEAS.forEach((code, i) => {
    const region = regions.find((r) => r.code === code);
    if (!region) return;
    const box = {
      x: INSET.x,
      y: INSET.y + i * (INSET.height + INSET.gap),
      width: INSET.width,
      height: INSET.height,
    };
    const pad = 8;
    const inset = geoMercator().fitExtent(
      [
        [box.x + pad, box.y + pad],
        [box.x + box.width - pad, box.y + box.height - INSET.caption - pad / 2],
      ],
      region.feature,
    );
    placed.push({
      code,
      name: region.name,
      d: geoPath(inset)(region.feature) ?? '',
      label: [box.x + box.width - 24, box.y + 13],
      inset: box,
    });
  });
  return placed;
}
