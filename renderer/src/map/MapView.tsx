import { MapLibreOverlay } from '@deck.gl/maplibre';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { LonLat, RegionSnapshot } from '../../../shared/domain/region';
import { useLang } from '../i18n/I18nProvider';
import type { AlertsState } from '../state/alertsStore';
import type { UnitStatusState } from '../state/unitStatusStore';
import type { UnitsStore } from '../state/unitsStore';
import { mapProbe } from './debug';
import { buildLayers, placeLabels, type UnitFill } from './layers';
import { statusFillColors, supportLayers, type SupportMapData } from './supportLayers';
import { baseStyle, regionLayers } from './regionStyle';

maplibregl.setWorkerUrl(workerUrl);

const FIT_PADDING_PX = 40;
/** Zoom is reported to React in steps, so panning does not re-render the component. */
const ZOOM_STEP = 0.5;

interface Props {
  readonly region: RegionSnapshot | undefined;
  readonly units: UnitsStore;
  readonly alerts?: AlertsState;
  /** Incidents, geofences and support routes to draw. */
  readonly support?: SupportMapData;
  /** Unit statuses: committed units are coloured by what they are doing. */
  readonly statuses?: UnitStatusState;
  /** Map-pick mode: the next click on the map reports its lon/lat instead of selecting. */
  readonly onPickPoint?: (lonLat: LonLat) => void;
  readonly onPickIncident?: (incidentId: string) => void;
}

export function MapView({
  region,
  units,
  alerts,
  support,
  statuses,
  onPickPoint,
  onPickIncident,
}: Props): ReactNode {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | undefined>(undefined);
  const overlayRef = useRef<MapLibreOverlay | undefined>(undefined);
  const [styleReady, setStyleReady] = useState(false);
  const [zoom, setZoom] = useState(0);
  const { lang } = useLang();
  const unitsState = useSyncExternalStore(units.subscribe, units.getSnapshot);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const map = new maplibregl.Map({
      container,
      style: baseStyle(),
      attributionControl: false, // credits live in the About dialog; the default one links out
      dragRotate: false, // a command wall stays north-up
      pitchWithRotate: false,
      touchPitch: false,
      renderWorldCopies: false,
      center: [0, 0],
      zoom: 1,
    });
    map.touchZoomRotate.disableRotation();
    const overlay = new MapLibreOverlay({ interleaved: false, layers: [] });
    map.addControl(overlay);
    const onZoom = (): void => setZoom(Math.floor(map.getZoom() / ZOOM_STEP) * ZOOM_STEP);
    map.on('zoomend', onZoom);
    map.once('load', () => setStyleReady(true));
    mapRef.current = map;
    overlayRef.current = overlay;
    mapProbe.project = (lon, lat) => {
      const p = map.project([lon, lat]);
      return [p.x, p.y];
    };
    return () => {
      mapProbe.project = undefined;
      map.off('zoomend', onZoom);
      mapRef.current = undefined;
      overlayRef.current = undefined;
      setStyleReady(false);
      map.remove();
    };
  }, []);

  // Region geometry: added once per region when the style is ready, then the view fits the region.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !styleReady || !region) return;
    const { sources, layers } = regionLayers(region);
    for (const [id, spec] of Object.entries(sources)) map.addSource(id, spec);
    for (const layer of layers) map.addLayer(layer);
    const [w, s, e, n] = region.info.bbox;
    map.fitBounds(
      [
        [w, s],
        [e, n],
      ],
      { padding: FIT_PADDING_PX, animate: false },
    );
    setZoom(Math.floor(map.getZoom() / ZOOM_STEP) * ZOOM_STEP);
    return () => {
      for (const layer of [...layers].reverse()) {
        if (map.getLayer(layer.id)) map.removeLayer(layer.id);
      }
      for (const id of Object.keys(sources)) if (map.getSource(id)) map.removeSource(id);
    };
  }, [region, styleReady]);

  const places = useMemo(() => (region ? placeLabels(region.layers.places) : []), [region]);

  // Map-pick mode: a crosshair, and the next click reports its point (Escape is the caller's).
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !onPickPoint) return;
    const canvas = map.getCanvas();
    canvas.style.cursor = 'crosshair';
    const onClick = (e: maplibregl.MapMouseEvent): void =>
      onPickPoint([e.lngLat.lng, e.lngLat.lat]);
    map.once('click', onClick);
    return () => {
      map.off('click', onClick);
      canvas.style.cursor = '';
    };
  }, [onPickPoint]);

  const unitFill = useMemo<UnitFill | undefined>(
    () =>
      statuses && statuses.byUnit.size > 0
        ? { colors: statusFillColors(unitsState, statuses), version: statuses.version }
        : undefined,
    [unitsState, statuses],
  );
  // While picking a point, a click on an incident must not select it instead.
  const pickIncident = onPickPoint ? undefined : onPickIncident;
  const supportStack = useMemo(
    () => (support ? supportLayers(support, pickIncident) : undefined),
    [support, pickIncident],
  );

  // unitsState changes at most once per animation frame (the store coalesces frames).
  useEffect(() => {
    overlayRef.current?.setProps({
      layers: buildLayers({
        units: unitsState,
        alerts,
        region,
        places,
        lang,
        zoom,
        unitFill,
        support: supportStack,
      }),
    });
  }, [unitsState, alerts, region, places, lang, zoom, unitFill, supportStack]);

  return (
    <div
      ref={containerRef}
      className="map"
      data-testid="map"
      data-picking={onPickPoint ? 'true' : 'false'}
    />
  );
}
