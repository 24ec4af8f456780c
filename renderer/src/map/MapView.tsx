import type { LayersList } from '@deck.gl/core';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { LonLat, RegionSnapshot } from '../../../shared/domain/region';
import { useLang } from '../i18n/I18nProvider';
import type { AlertsState } from '../state/alertsStore';
import type { UnitStatusState } from '../state/unitStatusStore';
import type { UnitsStore } from '../state/unitsStore';
import { mapProbe } from './debug';
import { attachMap } from './mapHandle';
import { unitIconAtlas } from './unitIconAtlas';
import type { MapToolsData } from './unitLayers';
import { placeLabels } from './layers';
import { supportLayers, type SupportMapData } from './supportLayers';
import { layerIdsOf, type MapDetail } from './selectionLayers';
import { createUnitFill, unitsFrameLayers, type MapInputs } from './unitsFrameLayers';
import { mapLayers } from './basemap/basemapStyle';
import { registerPmtilesProtocol } from './basemap/pmtilesProtocol';
import { baseStyle } from './regionStyle';

maplibregl.setWorkerUrl(workerUrl);
registerPmtilesProtocol();

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
  /** Reach areas, the selected unit's track and ring, unit clicks. */
  readonly detail?: MapDetail;
  /** Filters, trails, drone marks and the measure line (MapTools). */
  readonly tools?: MapToolsData;
}

export function MapView({
  region,
  units,
  alerts,
  support,
  statuses,
  onPickPoint,
  onPickIncident,
  detail,
  tools,
}: Props): ReactNode {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | undefined>(undefined);
  const overlayRef = useRef<MapLibreOverlay | undefined>(undefined);
  const drawnRef = useRef<LayersList>([]);
  const [styleReady, setStyleReady] = useState(false);
  const [zoom, setZoom] = useState(0);
  const { lang } = useLang();

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
    mapProbe.jumpTo = (lon, lat, zoom) => map.jumpTo({ center: [lon, lat], zoom });
    mapProbe.tilesLoaded = () => map.areTilesLoaded();
    mapProbe.layerIds = () => layerIdsOf(drawnRef.current);
    const detach = attachMap(map);
    return () => {
      detach();
      mapProbe.project = undefined;
      mapProbe.layerIds = undefined;
      mapProbe.jumpTo = undefined;
      mapProbe.tilesLoaded = undefined;
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
    const { sources, layers, attribution } = mapLayers(region, window.location.href);
    // A basemap's credit in MapLibre's compact control (text only: no logo, no outbound link).
    const credit =
      attribution === ''
        ? undefined
        : new maplibregl.AttributionControl({ compact: true, customAttribution: attribution });
    if (credit) map.addControl(credit);
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
      if (credit) map.removeControl(credit);
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

  const atlas = useMemo(() => unitIconAtlas(document), []);
  // While picking a point, a click on an incident must not select it instead.
  const pickIncident = onPickPoint ? undefined : onPickIncident;
  const supportStack = useMemo(
    () => (support ? supportLayers(support, pickIncident) : undefined),
    [support, pickIncident],
  );

  const pickUnit = onPickPoint ? undefined : detail?.onPickUnit;

  // Units batches go straight to the overlay from the store's listener: MapView does not
  // re-render per frame. The slower inputs are kept in a ref and redraw when they change.
  const inputsRef = useRef<MapInputs | undefined>(undefined);
  const fillRef = useRef(createUnitFill());
  const draw = useCallback((): void => {
    const inputs = inputsRef.current;
    if (!inputs) return;
    const s = units.getSnapshot();
    const layers = unitsFrameLayers(s, inputs, fillRef.current(s, inputs));
    drawnRef.current = layers;
    overlayRef.current?.setProps({ layers });
  }, [units]);
  useEffect(() => units.subscribe(draw), [units, draw]);
  useEffect(() => {
    inputsRef.current = {
      alerts,
      region,
      places,
      lang,
      zoom,
      statuses,
      support: supportStack,
      detail,
      pickUnit,
      tools,
      atlas,
    };
    draw();
  }, [
    draw,
    alerts,
    region,
    places,
    lang,
    zoom,
    statuses,
    supportStack,
    detail,
    pickUnit,
    tools,
    atlas,
  ]);

  return (
    <div
      ref={containerRef}
      className="map"
      data-testid="map"
      data-picking={onPickPoint ? 'true' : 'false'}
    />
  );
}
