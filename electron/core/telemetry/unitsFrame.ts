import type { UnitsFrame } from '../../../shared/domain/units';
import type { TelemetrySample } from './sample';

type Reading = Pick<
  TelemetrySample,
  'tsMs' | 'lon' | 'lat' | 'headingDeg' | 'speedKmh' | 'batteryPct' | 'altM'
>;

/**
 * A units frame over the roster indices `idx`: each unit's reading (NaN where it has none) and its
 * liveness code. The one packing of a frame, for the live table and for a replay.
 */
export function packFrame(
  seq: number,
  tsMs: number,
  idx: Uint32Array,
  readingOf: (i: number) => Reading | undefined,
  livenessOf: (i: number) => number,
): UnitsFrame {
  const n = idx.length;
  const f = {
    seq,
    tsMs,
    idx,
    sampleTsMs: new Float64Array(n),
    lon: new Float64Array(n),
    lat: new Float64Array(n),
    headingDeg: new Float32Array(n),
    speedKmh: new Float32Array(n),
    batteryPct: new Float32Array(n),
    altM: new Float32Array(n),
    liveness: new Uint8Array(n),
  };
  for (let k = 0; k < n; k++) {
    const i = idx[k] as number;
    const s = readingOf(i);
    f.sampleTsMs[k] = s?.tsMs ?? NaN;
    f.lon[k] = s?.lon ?? NaN;
    f.lat[k] = s?.lat ?? NaN;
    f.headingDeg[k] = s?.headingDeg ?? NaN;
    f.speedKmh[k] = s?.speedKmh ?? NaN;
    f.batteryPct[k] = s?.batteryPct ?? NaN;
    f.altM[k] = s?.altM ?? NaN;
    f.liveness[k] = livenessOf(i);
  }
  return f;
}
