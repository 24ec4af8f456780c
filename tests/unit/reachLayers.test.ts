// The reach-areas layer factory: band of a cell, colour per band, unreached cells left out.
import { SolidPolygonLayer } from '@deck.gl/layers';
import { describe, expect, it } from 'vitest';
import { REACH_BANDS_MIN, type ReachGrid } from '../../shared/domain/reach';
import {
  REACH_BAND_COLORS,
  REACH_LAYER_ID,
  TRANSPARENT,
  bandColor,
  reachBand,
  reachCells,
  reachLayer,
  reachLayerProps,
  reachValues,
} from '../../renderer/src/map/reachLayers';

const MIN = 60;
// 3 × 2 grid over [118, 29, 118.3, 29.2]: cells 0.1° × 0.1°, row-major from the south-west.
const grid = (extra: Partial<ReachGrid> = {}): ReachGrid => ({
  bbox: [118, 29, 118.3, 29.2],
  cols: 3,
  rows: 2,
  fromStationsS: [0, 5 * MIN, 5 * MIN + 1, 30 * MIN, 61 * MIN, -1],
  fromAvailableS: [-1, -1, -1, -1, -1, 14 * MIN],
  computedMs: 1000,
  model: 'straight-line',
  ...extra,
});

describe('reach bands', () => {
  it('puts a time in the first band it is within, inclusive, and nowhere past 60 min', () => {
    expect(reachBand(0)).toBe(0);
    expect(reachBand(5 * MIN)).toBe(0);
    expect(reachBand(5 * MIN + 1)).toBe(1);
    expect(reachBand(15 * MIN)).toBe(1);
    expect(reachBand(29 * MIN)).toBe(2);
    expect(reachBand(60 * MIN)).toBe(3);
    expect(reachBand(60 * MIN + 1)).toBe(-1);
    expect(reachBand(-1)).toBe(-1);
    expect(reachBand(Number.NaN)).toBe(-1);
  });

  it('gives each band its own visible colour and anything else transparent', () => {
    const colours = REACH_BANDS_MIN.map((_, i) => bandColor(i).join(','));
    expect(new Set(colours).size).toBe(REACH_BANDS_MIN.length);
    REACH_BANDS_MIN.forEach((_, i) => expect(bandColor(i)[3]).toBeGreaterThan(0));
    expect(REACH_BAND_COLORS).toHaveLength(REACH_BANDS_MIN.length);
    expect(bandColor(-1)).toEqual(TRANSPARENT);
    expect(bandColor(4)).toEqual(TRANSPARENT);
    expect(TRANSPARENT[3]).toBe(0);
  });
});

describe('reach cells', () => {
  it('keeps reached cells in a band, as rectangles at their place in the grid', () => {
    const cells = reachCells(grid(), 'stations');
    // Cell 4 (61 min) and cell 5 (unreached) are left out, i.e. drawn transparent.
    expect(cells.map((c) => c.band)).toEqual([0, 0, 1, 2]);
    const c3 = cells[3];
    // Cell 3 is the first of the second row: west edge, 29.1–29.2.
    expect(c3?.polygon[0]?.[0]).toBeCloseTo(118);
    expect(c3?.polygon[0]?.[1]).toBeCloseTo(29.1);
    expect(c3?.polygon[2]?.[0]).toBeCloseTo(118.1);
    expect(c3?.polygon[2]?.[1]).toBeCloseTo(29.2);
    const c1 = cells[1];
    expect(c1?.polygon[0]?.[0]).toBeCloseTo(118.1);
    expect(c1?.polygon[0]?.[1]).toBeCloseTo(29);
  });

  it('draws the units’ grid in units mode and nothing when off', () => {
    const units = reachCells(grid(), 'units');
    expect(units).toHaveLength(1);
    expect(units[0]?.band).toBe(1);
    expect(units[0]?.polygon[0]?.[0]).toBeCloseTo(118.2);
    expect(reachCells(grid(), 'off')).toEqual([]);
    expect(reachValues(grid(), 'off')).toEqual([]);
  });
});

describe('reach layer', () => {
  it('keeps the id stable and colours each cell by its band', () => {
    const g = grid();
    const props = reachLayerProps(g, 'stations');
    expect(props.id).toBe(REACH_LAYER_ID);
    expect(reachLayerProps(grid({ computedMs: 2000 }), 'units').id).toBe(REACH_LAYER_ID);
    const cells = props.data as ReturnType<typeof reachCells>;
    const getFill = props.getFillColor as unknown as (c: (typeof cells)[number]) => number[];
    expect(cells.map((c) => getFill(c))).toEqual([0, 0, 1, 2].map((b) => bandColor(b)));
    expect(props.pickable).toBe(false);
    expect(reachLayer(g, 'stations')).toBeInstanceOf(SolidPolygonLayer);
  });

  it('changes its update triggers with a new grid or a new mode, not otherwise', () => {
    const t = (g: ReachGrid, m: 'stations' | 'units') => reachLayerProps(g, m).updateTriggers;
    expect(t(grid(), 'stations')).toEqual(t(grid(), 'stations'));
    expect(t(grid({ computedMs: 2000 }), 'stations')?.getFillColor).not.toEqual(
      t(grid(), 'stations')?.getFillColor,
    );
    expect(t(grid(), 'units')?.getFillColor).not.toEqual(t(grid(), 'stations')?.getFillColor);
    expect(t(grid(), 'units')?.getPolygon).not.toEqual(t(grid(), 'stations')?.getPolygon);
  });
});
