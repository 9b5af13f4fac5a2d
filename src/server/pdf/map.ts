/**
 * The map of the French regions in a PDF: the same layout as the web map (metropolitan France in a
 * conformal conic projection, the five overseas regions in insets, `web/components/map/geo.ts`), from
 * the same GeoJSON (`reference-data/france-regions.geojson`), each SVG path drawn as a PDF vector path.
 */
import { readFileSync } from 'node:fs';
import { layoutRegions, MAP_HEIGHT, MAP_WIDTH, type PlacedRegion, readRegions } from '../../web/components/map/geo.ts';
import { REFERENCE_DIR } from '../seed/reference.ts';
import { BOLD, type Box, FONT, INK, MUTED, RULE } from './document.ts';
import { winAnsi } from './text.ts';

let placed: PlacedRegion[] | null = null;

/** The regions laid out once per process (the GeoJSON is half a megabyte). */
function regions(): PlacedRegion[] {
  placed ??= layoutRegions(readRegions(JSON.parse(readFileSync(`${REFERENCE_DIR}france-regions.geojson`, 'utf8'))));
  return placed;
}

export interface MapRegionStyle {
  fill: string;
  /** Written on the region (e.g. its available consoles). */
  label?: string;
}

export interface RegionMapOptions {
  styles: ReadonlyMap<string, MapRegionStyle>;
  /** Fill of a region without a style. */
  fallback?: string;
  /** Over the insets, e.g. "Outre-mer (échelles différentes)". */
  insetsCaption: string;
  /** A region drawn with a dark outline. */
  highlight?: string;
}

/** Draws the map fitted in `box` (keeping its proportions, centred). */
export function regionMap(doc: PDFKit.PDFDocument, box: Box, options: RegionMapOptions): void {
  const scale = Math.min(box.width / MAP_WIDTH, box.height / MAP_HEIGHT);
  const ox = box.x + (box.width - MAP_WIDTH * scale) / 2;
  const oy = box.y + (box.height - MAP_HEIGHT * scale) / 2;
  const at = (x: number, y: number): [number, number] => [ox + x * scale, oy + y * scale];
  const all = regions();

  doc.save();
  doc.translate(ox, oy).scale(scale);
  for (const region of all) {
    if (!region.inset) continue;
    const { x, y, width, height } = region.inset;
    doc
      .roundedRect(x, y, width, height, 3)
      .lineWidth(0.8 / scale)
      .fillAndStroke('#f6f8fa', RULE);
  }
  for (const region of all) {
    const style = options.styles.get(region.code);
    doc
      .path(region.d)
      .lineWidth(0.9 / scale)
      .fillAndStroke(style?.fill ?? options.fallback ?? '#dde1e6', '#ffffff');
  }
  const highlighted = all.find((r) => r.code === options.highlight);
  if (highlighted)
    doc
      .path(highlighted.d)
      .lineWidth(2.2 / scale)
      .strokeColor(INK)
      .stroke();
  doc.restore();

  doc.font(FONT).fontSize(7).fillColor(MUTED);
  const [cx, cy] = at(6, 2);
  doc.text(winAnsi(options.insetsCaption), cx, cy, { lineBreak: false });
  for (const region of all) {
    if (!region.inset) continue;
    const [x, y] = at(region.inset.x, region.inset.y + region.inset.height - 13);
    doc.text(winAnsi(region.name), x, y, { width: region.inset.width * scale, align: 'center', lineBreak: false });
  }
  for (const region of all) {
    const label = options.styles.get(region.code)?.label;
    if (!label) continue;
    const [x, y] = at(region.label[0], region.label[1]);
    doc.font(BOLD).fontSize(8);
    const w = doc.widthOfString(winAnsi(label)) + 6;
    doc
      .roundedRect(x - w / 2, y - 6, w, 12, 3)
      .lineWidth(0.5)
      .fillAndStroke('#ffffff', MUTED);
    doc.fillColor(INK).text(winAnsi(label), x - w / 2, y - 3.5, { width: w, align: 'center', lineBreak: false });
  }
  doc.fillColor(INK);
}

/** A legend of colour swatches, one item per line, from the top of `box`. */
export function legend(
  doc: PDFKit.PDFDocument,
  box: Box,
  options: { title: string; items: readonly { fill: string; text: string }[] },
): void {
  doc.font(BOLD).fontSize(8.5).fillColor(INK);
  doc.text(winAnsi(options.title), box.x, box.y, { width: box.width });
  let y = doc.y + 3;
  for (const item of options.items) {
    doc.rect(box.x, y, 14, 10).lineWidth(0.5).fillAndStroke(item.fill, MUTED);
    doc
      .font(FONT)
      .fontSize(8)
      .fillColor(INK)
      .text(winAnsi(item.text), box.x + 20, y + 1, { width: box.width - 20, lineBreak: false });
    y += 14;
  }
  doc.fillColor(INK);
}
