/**
 * The map of the regions: each region filled by the caller's metric, labelled with its figure, a
 * link (focusable, with a spoken description) to the region's board when there is one. Hovering or
 * focusing a region reports it to the caller (which shows its details beside the map).
 */
import { type MouseEvent, useId, useMemo } from 'react';
import { layoutRegions, MAP_HEIGHT, MAP_WIDTH, readRegions } from './geo.ts';

export interface MapRegion {
  code: string;
  /** Colour of the region (an SVG paint). */
  fill: string;
  /** Hatched on top of the fill: no data. */
  hatched?: boolean;
  /** The figure written on the region (with an icon, so that colour is never alone). */
  label: string;
  /** What a screen reader says for the region. */
  description: string;
  href?: string;
}

export interface RegionMapProps {
  shapes: { features: readonly unknown[] };
  regions: readonly MapRegion[];
  title: string;
  description: string;
  activeCode: string | null;
  onActivate: (code: string | null) => void;
  onOpen?: (code: string, href: string) => void;
  /** Caption of the overseas insets (e.g. "Outre-mer — échelles différentes"). */
  insetsCaption: string;
}

const labelWidth = (text: string) => 10 + [...text].length * 7.4;

export function RegionMap(props: RegionMapProps) {
  const id = useId();
  const placed = useMemo(() => layoutRegions(readRegions(props.shapes)), [props.shapes]);
  const byCode = new Map(props.regions.map((r) => [r.code, r]));
  const active = placed.find((p) => p.code === props.activeCode);
  const hatchId = `${id}-hatch`;

  const open = (event: MouseEvent, code: string, href: string | undefined) => {
    if (!href || !props.onOpen) return;
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    props.onOpen(code, href);
  };

  // In reading order of the names: the tab order through the map.
  const ordered = [...placed].sort((a, b) => a.name.localeCompare(b.name, 'fr'));

  return (
    <svg
      className="region-map"
      viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
    >
      <title id={`${id}-title`}>{props.title}</title>
      <desc id={`${id}-desc`}>{props.description}</desc>
      <defs>
        <pattern id={hatchId} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <line x1="0" y1="0" x2="0" y2="6" stroke="var(--hatch)" strokeWidth="1.5" />
        </pattern>
      </defs>
      <text x={6} y={9} className="map-inset-caption">
        {props.insetsCaption}
      </text>
      {placed
        .filter((p) => p.inset)
        .map((p) =>
          p.inset ? (
            // biome-ignore lint/a11y/noAriaHiddenOnFocusable: an SVG group is not focusable; the frame is decoration
            <g key={`frame-${p.code}`} className="map-inset" aria-hidden="true">
              <rect x={p.inset.x} y={p.inset.y} width={p.inset.width} height={p.inset.height} rx={3} />
              <text x={p.inset.x + p.inset.width / 2} y={p.inset.y + p.inset.height - 5} textAnchor="middle">
                {p.name}
              </text>
            </g>
          ) : null,
        )}
      {ordered.map((p) => {
        const region = byCode.get(p.code);
        const shape = (
          <>
            <path d={p.d} fill={region?.fill ?? 'var(--fill-none)'} className="map-shape" />
            {region?.hatched ? <path d={p.d} fill={`url(#${hatchId})`} className="map-hatch" /> : null}
          </>
        );
        const common = {
          className: `map-region${props.activeCode === p.code ? ' map-region-active' : ''}`,
          onMouseEnter: () => props.onActivate(p.code),
          onFocus: () => props.onActivate(p.code),
          'aria-label': region?.description ?? p.name,
        };
        return region?.href ? (
          <a key={p.code} href={region.href} {...common} onClick={(e) => open(e, p.code, region.href)}>
            {shape}
          </a>
        ) : (
          // biome-ignore lint/a11y/noStaticElementInteractions: hovering only shows the details; without a board to open, the table below is the keyboard's way to the same figures
          <g key={p.code} className={common.className} onMouseEnter={common.onMouseEnter}>
            {shape}
          </g>
        );
      })}
      {active ? <path d={active.d} className="map-outline" fill="none" /> : null}
      {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: SVG text is not focusable; each region's link says its figures */}
      <g className="map-labels" aria-hidden="true">
        {placed.map((p) => {
          const region = byCode.get(p.code);
          if (!region) return null;
          const w = labelWidth(region.label);
          const [x, y] = p.label;
          return (
            <g key={p.code} transform={`translate(${x.toFixed(1)} ${y.toFixed(1)})`}>
              <rect x={-w / 2} y={-9} width={w} height={18} rx={9} className="map-label-bg" />
              <text textAnchor="middle" dy="0.34em" className="map-label">
                {region.label}
              </text>
            </g>
          );
        })}
      </g>
    </svg>
  );
}
