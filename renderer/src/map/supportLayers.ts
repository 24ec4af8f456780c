import { compactDuration } from '../i18n/duration';
import type { LayersList, PickingInfo } from '@deck.gl/core';
import { PathLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { PathLayerProps, ScatterplotLayerProps, TextLayerProps } from '@deck.gl/layers';
import type { Incident } from '../../../shared/domain/incidents';
import type { LonLat } from '../../../shared/domain/region';
import type { SupportPackage } from '../../../shared/domain/support';
import type { IncidentsState } from '../state/incidentsStore';
import {
  GEOFENCE_RING,
  GRADE_COLORS,
  GRADE_RADIUS_PX,
  ROUTE_APPROVED,
  ROUTE_PREVIEW,
  STATUS_COLORS,
} from '../state/supportColors';
import { activeIncidentIds, isCommitted, type SupportViewState } from '../state/supportStore';
import type { UnitStatusState } from '../state/unitStatusStore';
import type { UnitsState } from '../state/unitsStore';
import { textDefaults } from './layers';

// Pure factories for the support loop's map layers; ids are stable so deck.gl diffs them.

export const SUPPORT_LAYER_IDS = {
  incidents: 'incidents',
  geofence: 'incident-geofence',
  routes: 'support-routes',
  eta: 'support-eta',
} as const;

/** Ring radius until the core's support setup (SupportSetup.geofenceM) has arrived. */
export const GEOFENCE_RADIUS_M = 200;

type Rgba = [number, number, number, number];
const INCIDENT_OUTLINE: Rgba = [255, 255, 255, 235];
const ETA_COLOR: Rgba = [255, 255, 255, 255];
const ETA_OFFSET: [number, number] = [0, -18];

// The roster's ids array keeps its identity between frames, so its index is built once per roster.
const indexCache = new WeakMap<readonly string[], ReadonlyMap<string, number>>();
function rosterIndex(ids: readonly string[]): ReadonlyMap<string, number> {
  let index = indexCache.get(ids);
  if (!index) {
    index = new Map(ids.map((id, i) => [id, i]));
    indexCache.set(ids, index);
  }
  return index;
}

/**
 * The units layer's colour column with unit statuses applied: a committed, off-duty or offline
 * unit takes its status colour; an available one keeps its kind colour. Alpha 0 (no fix) stays 0.
 * Returns the input column itself when no unit has a status colour, so nothing is copied.
 */
export function statusFillColors(units: UnitsState, statuses: UnitStatusState): Uint8Array {
  let out: Uint8Array | undefined;
  const index = rosterIndex(units.ids);
  for (const [unitId, entry] of statuses.byUnit) {
    const color = STATUS_COLORS[entry.status];
    if (!color) continue;
    const i = index.get(unitId);
    if (i === undefined) continue;
    out ??= units.fillColors.slice();
    const alpha = units.hasFix[i] ? color[3] : 0;
    out.set([color[0], color[1], color[2], alpha], 4 * i);
  }
  return out ?? units.fillColors;
}

export function incidentsLayerProps(
  incidents: IncidentsState,
  onPick?: (incidentId: string) => void,
): ScatterplotLayerProps<Incident> {
  return {
    id: SUPPORT_LAYER_IDS.incidents,
    data: incidents.list,
    getPosition: (i) => [i.lonLat[0], i.lonLat[1]],
    radiusUnits: 'pixels',
    getRadius: (i) => GRADE_RADIUS_PX[i.grade],
    stroked: true,
    filled: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 2.5,
    getFillColor: (i) => {
      const [r, g, b] = GRADE_COLORS[i.grade];
      return [r, g, b, i.state === 'open' ? 235 : 90];
    },
    getLineColor: INCIDENT_OUTLINE,
    pickable: onPick !== undefined,
    onClick: onPick
      ? (info: PickingInfo<Incident>) => {
          if (info.object) onPick(info.object.id);
          return true;
        }
      : undefined,
    updateTriggers: { getFillColor: incidents.version, getRadius: incidents.version },
  };
}

/** The ring around an incident with support under way: the arrival geofence. */
export function geofenceLayerProps(
  fenced: readonly Incident[],
  radiusM: number = GEOFENCE_RADIUS_M,
): ScatterplotLayerProps<Incident> {
  return {
    id: SUPPORT_LAYER_IDS.geofence,
    data: fenced,
    getPosition: (i) => [i.lonLat[0], i.lonLat[1]],
    radiusUnits: 'meters',
    getRadius: radiusM,
    radiusMinPixels: 18,
    stroked: true,
    filled: false,
    lineWidthUnits: 'pixels',
    getLineWidth: 2,
    getLineColor: GEOFENCE_RING,
  };
}

/** One unit's way to an incident, as the map draws it. */
export interface RouteLine {
  readonly requestId: string;
  readonly unitId: string;
  readonly callsign: string;
  readonly path: readonly LonLat[];
  readonly etaS: number;
  readonly approved: boolean;
}

/** A package on screen that is not approved yet (the recommendation or a what-if edit). */
export interface PackagePreview {
  readonly requestId: string;
  readonly pkg: SupportPackage;
}

/**
 * Routes of every request with units committed (approved package, ETA from the order), plus the
 * previewed package. A route with fewer than two points cannot be drawn and is skipped.
 */
export function supportRoutes(support: SupportViewState, preview?: PackagePreview): RouteLine[] {
  const out: RouteLine[] = [];
  for (const r of support.requests) {
    if (!isCommitted(r) || !r.approved) continue;
    const etaByUnit = new Map(r.orders.map((o) => [o.unitId, o]));
    for (const u of r.approved.units) {
      const order = etaByUnit.get(u.unitId);
      if (order?.state === 'on-scene' || order?.state === 'released') continue;
      out.push({
        requestId: r.id,
        unitId: u.unitId,
        callsign: u.callsign,
        path: u.route,
        etaS: order?.etaS ?? u.etaS,
        approved: true,
      });
    }
  }
  if (preview) {
    for (const u of preview.pkg.units) {
      out.push({
        requestId: preview.requestId,
        unitId: u.unitId,
        callsign: u.callsign,
        path: u.route,
        etaS: u.etaS,
        approved: false,
      });
    }
  }
  return out.filter((l) => l.path.length >= 2);
}

export function supportRoutesLayerProps(
  routes: readonly RouteLine[],
  version: string,
): PathLayerProps<RouteLine> {
  return {
    id: SUPPORT_LAYER_IDS.routes,
    data: routes,
    getPath: (l) => l.path.map((p): [number, number] => [p[0], p[1]]),
    getColor: (l) => (l.approved ? ROUTE_APPROVED : ROUTE_PREVIEW),
    getWidth: (l) => (l.approved ? 4 : 3),
    widthUnits: 'pixels',
    capRounded: true,
    jointRounded: true,
    updateTriggers: { getPath: version, getColor: version, getWidth: version },
  };
}

/** Callsign and ETA (mm:ss) at the start of each route, where the unit is. */
export function supportEtaLayerProps(
  routes: readonly RouteLine[],
  version: string,
): TextLayerProps<RouteLine> {
  return {
    ...textDefaults,
    id: SUPPORT_LAYER_IDS.eta,
    data: routes,
    getText: (l) => `${l.callsign} ${compactDuration(l.etaS)}`,
    getPosition: (l) => {
      const p = l.path[0] ?? [0, 0];
      return [p[0], p[1]];
    },
    getColor: ETA_COLOR,
    getSize: 15,
    getPixelOffset: ETA_OFFSET,
    getTextAnchor: 'middle',
    getAlignmentBaseline: 'bottom',
    updateTriggers: { getText: version, getPosition: version },
  };
}

/** What the support layers draw, derived once per state change (not per animation frame). */
export interface SupportMapData {
  readonly incidents: IncidentsState;
  /** Incidents with support under way: they get a geofence ring. */
  readonly fenced: readonly Incident[];
  readonly geofenceM: number;
  readonly routes: readonly RouteLine[];
  /** Changes whenever routes change; the route layers key their updateTriggers on it. */
  readonly version: string;
}

export function supportMapData(
  incidents: IncidentsState,
  support: SupportViewState,
  preview?: PackagePreview,
  geofenceM: number = GEOFENCE_RADIUS_M,
): SupportMapData {
  const active = activeIncidentIds(support);
  const routes = supportRoutes(support, preview);
  const previewKey = preview
    ? `${preview.requestId}:${preview.pkg.units.map((u) => u.unitId).join(',')}`
    : '';
  return {
    incidents,
    fenced: incidents.list.filter((i) => active.has(i.id)),
    geofenceM,
    routes,
    version: `${support.version}:${previewKey}`,
  };
}

/** Layers drawn under the units (geofences, routes) and over them (incidents, ETA labels). */
export function supportLayers(
  data: SupportMapData,
  onPickIncident?: (incidentId: string) => void,
): { readonly under: LayersList; readonly over: LayersList } {
  const { routes, version } = data;
  return {
    under: [
      data.fenced.length > 0 &&
        new ScatterplotLayer(geofenceLayerProps(data.fenced, data.geofenceM)),
      routes.length > 0 && new PathLayer(supportRoutesLayerProps(routes, version)),
    ],
    over: [
      data.incidents.list.length > 0 &&
        new ScatterplotLayer(incidentsLayerProps(data.incidents, onPickIncident)),
      // Text layers only with something to show: an empty 'auto' atlas makes WebGL warn.
      routes.length > 0 && new TextLayer(supportEtaLayerProps(routes, version)),
    ],
  };
}
