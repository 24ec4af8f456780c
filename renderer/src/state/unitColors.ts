import type { Liveness, UnitKind } from '../../../shared/domain/units';

export type Rgba = readonly [r: number, g: number, b: number, a: number];

// Hues chosen to stay apart on a dark wall at distance; red and green are kept free for alerts and
// health states.
export const KIND_COLORS: Readonly<Record<UnitKind, Rgba>> = {
  'officer-pair': [34, 211, 238, 255],
  'patrol-car': [96, 140, 255, 255],
  motorbike: [200, 140, 255, 255],
  'traffic-car': [250, 204, 21, 255],
  drone: [251, 146, 60, 255],
};

const GREY: readonly [number, number, number] = [128, 136, 148];

/** How far each liveness pulls the kind colour towards grey, and its opacity. */
const LIVENESS_LOOK: Readonly<Record<Liveness, { readonly grey: number; readonly alpha: number }>> =
  {
    online: { grey: 0, alpha: 255 },
    stale: { grey: 0.45, alpha: 190 },
    offline: { grey: 1, alpha: 150 },
    unknown: { grey: 1, alpha: 90 },
  };

export function unitColor(kind: UnitKind, liveness: Liveness): Rgba {
  const base = KIND_COLORS[kind];
  const { grey, alpha } = LIVENESS_LOOK[liveness];
  const mix = (i: 0 | 1 | 2): number => Math.round(base[i] * (1 - grey) + GREY[i] * grey);
  return [mix(0), mix(1), mix(2), alpha];
}

export function cssColor([r, g, b, a]: Rgba): string {
  return `rgba(${r}, ${g}, ${b}, ${(a / 255).toFixed(3)})`;
}
