import { describe, expect, it } from 'vitest';
import {
  fmt,
  markdownTable,
  metricDeltaMs,
  quantile,
  ratios,
  roundOrder,
  summarize,
} from '../../bench/map/mapBenchStats';

describe('map bench statistics', () => {
  it('takes nearest-rank quantiles whatever the input order', () => {
    const values = [9, 1, 5, 3, 7, 2, 8, 4, 10, 6];
    expect(quantile(values, 0.5)).toBe(5);
    expect(quantile(values, 0.95)).toBe(10);
    expect(quantile(values, 0)).toBe(1);
    expect(quantile([], 0.5)).toBeNaN();
    // The input is left as it was.
    expect(values[0]).toBe(9);
  });

  it('summarizes count, median, p95, mean and range', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(summarize(values)).toEqual({ n: 100, p50: 50, p95: 95, mean: 50.5, min: 1, max: 100 });
    expect(summarize([]).n).toBe(0);
    expect(summarize([]).mean).toBeNaN();
  });

  it('divides ours by naive on the median and the mean', () => {
    const r = ratios(summarize([1, 2, 3]), summarize([10, 20, 60]));
    expect(r.p50).toBeCloseTo(0.1);
    expect(r.mean).toBeCloseTo(2 / 30);
  });

  it('rotates the path order each round so every path runs first in turn', () => {
    const paths = ['a', 'b', 'c'];
    expect(roundOrder(paths, 0)).toEqual(['a', 'b', 'c']);
    expect(roundOrder(paths, 1)).toEqual(['b', 'c', 'a']);
    expect(roundOrder(paths, 2)).toEqual(['c', 'a', 'b']);
    expect(roundOrder(paths, 3)).toEqual(['a', 'b', 'c']);
    const firsts = new Set([0, 1, 2].map((r) => roundOrder(paths, r)[0]));
    expect(firsts.size).toBe(3);
    expect(roundOrder([], 5)).toEqual([]);
  });

  it('turns two CDP readings of a seconds metric into milliseconds', () => {
    const before = [
      { name: 'TaskDuration', value: 1.25 },
      { name: 'ScriptDuration', value: 0.5 },
    ];
    const after = [
      { name: 'ScriptDuration', value: 0.504 },
      { name: 'TaskDuration', value: 1.2625 },
    ];
    expect(metricDeltaMs(before, after, 'TaskDuration')).toBeCloseTo(12.5);
    expect(metricDeltaMs(before, after, 'ScriptDuration')).toBeCloseTo(4);
    expect(() => metricDeltaMs(before, after, 'LayoutDuration')).toThrow(/LayoutDuration/);
  });

  it('pads a Markdown table into aligned columns with a separator row', () => {
    const table = markdownTable([
      ['path', 'ms'],
      ['ours', '1.50'],
      ['naive', '12.00'],
    ]).split('\n');
    expect(table).toHaveLength(4);
    expect(table[1]).toMatch(/^\| -+ \| -+ \|$/);
    expect(new Set(table.map((l) => l.length)).size).toBe(1);
    expect(table[2]).toContain('| ours  |');
    expect(markdownTable([])).toBe('');
  });

  it('formats numbers with fixed decimals and NaN as a dash', () => {
    expect(fmt(1.234)).toBe('1.23');
    expect(fmt(1.25, 1)).toBe('1.3');
    expect(fmt(NaN)).toBe('—');
  });
});
