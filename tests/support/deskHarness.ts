// A support desk on a real SQLite file and the shipped Kaihua pack, with a hand-driven clock, every
// unit reporting from its station, and the orders it publishes captured (no broker).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRegionPack } from '../../electron/core/region/loadRegion';
import { openStore } from '../../electron/core/store/openStore';
import { SupportDesk } from '../../electron/core/desk/SupportDesk';
import { createTravelModel } from '../../electron/core/support/travel';
import type { UnitStatusEntry } from '../../shared/contract/ConsoleApi';
import { OperatorBook } from '../../electron/core/auth/OperatorBook';
import type { OperatorRole } from '../../shared/domain/operators';
import { asCaller, operatorCaller } from './caller';
import type { Grade } from '../../shared/domain/incidents';
import type { SupportEvent, SupportRequest } from '../../shared/domain/support';
import type { AckState, OrderPayload } from '../../shared/telemetry/orders';
import type { UnitSnapshot } from '../../shared/domain/units';
import { RESOURCES_DIR } from './coreHarness';
import { supportRepoOf } from './repos';
import { LIVE_TOPICS } from '../../shared/telemetry/topics';

/** 09:00 in Kaihua (UTC+8). */
export const DESK_T0 = Date.UTC(2026, 2, 2, 1, 0, 0);

export interface Published {
  readonly topic: string;
  readonly order: OrderPayload;
}

export type DeskHarness = ReturnType<typeof deskHarness>;

export function deskHarness(opts: { readonly role?: OperatorRole } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'muster-desk-'));
  const db = openStore({ file: join(dir, 'muster.db') });
  const pack = loadRegionPack(join(RESOURCES_DIR, 'regions'), 'kaihua');
  const at = new Map(pack.snapshot.stations.map((s) => [s.id, s.lonLat]));
  let liveness: UnitSnapshot['liveness'] = 'online';
  const clock = { ms: DESK_T0 };
  /** Units moved away from their station by the test. */
  const moved = new Map<string, readonly [number, number]>();
  const snapshot = (): UnitSnapshot[] =>
    pack.roster.map((unit) => {
      const [lon, lat] = moved.get(unit.id) ?? at.get(unit.stationId) ?? pack.snapshot.info.center;
      const last = {
        tsMs: clock.ms - 1000,
        lon,
        lat,
        headingDeg: undefined,
        speedKmh: undefined,
        batteryPct: undefined,
        altM: undefined,
      };
      return { unit, liveness, last };
    });
  const counts = { snapshots: 0 };
  const statuses: UnitStatusEntry[][] = [];
  const events: SupportEvent[] = [];
  const requests: SupportRequest[] = [];
  const published: Published[] = [];
  const repo = supportRepoOf(db);
  const operators = new OperatorBook(db, () => clock.ms);
  const raw = new SupportDesk({
    repo,
    config: pack.support,
    roster: pack.roster,
    stations: pack.snapshot.stations,
    jurisdictions: pack.snapshot.layers.jurisdictions,
    travel: createTravelModel(pack.support.travel),
    operators,
    topics: LIVE_TOPICS,
    clientId: 'muster-test',
    units: () => {
      counts.snapshots++;
      return snapshot();
    },
    publish: (topic, payload) => {
      published.push({ topic, order: JSON.parse(payload) as OrderPayload });
      return Promise.resolve();
    },
    slaAlert: () => undefined,
    emit: (name, payload) => {
      if (name === 'unitStatuses') statuses.push(payload as UnitStatusEntry[]);
      if (name === 'supportEvent') events.push(payload as SupportEvent);
      if (name === 'support') requests.push(payload as SupportRequest);
    },
    now: () => clock.ms,
  });
  // Every command runs as the duty commander, as through a logged-in screen.
  const desk = asCaller(raw, operatorCaller('duty-commander', opts.role ?? 'supervisor'));
  const tick = (ms: number): void => {
    clock.ms += ms;
    desk.tick(clock.ms);
  };
  const moveUnit = (unitId: string, lonLat: readonly [number, number]): void => {
    moved.set(unitId, lonLat);
  };
  const goOffline = (): void => {
    liveness = 'offline';
  };
  /** A new incident at a station of the pack (a traffic accident, grade IV unless told). */
  const incidentAt = (stationId: string, grade: Grade = 'IV') => {
    const st = pack.snapshot.stations.find((s) => s.id === stationId);
    if (!st) throw new Error(`no ${stationId} in the pack`);
    return desk.createIncident({
      type: 'traffic-accident',
      grade,
      lonLat: st.lonLat,
      description: 'two cars',
      reporter: '110',
    });
  };
  /** A device's answer to one of the desk's orders, received now. */
  const ack = (unitId: string, orderId: string, state: AckState): void =>
    desk.onAck({
      unitIdx: 0,
      unitId,
      receivedMs: clock.ms,
      payload: { v: 1, orderId, tsMs: clock.ms, state },
    });
  /** An incident at a station, its recommended units approved, every dispatch accepted. */
  const dispatchedAt = (stationId: string, grade: Grade = 'IV') => {
    const inc = incidentAt(stationId, grade);
    const req = desk.requestSupport(inc.id);
    const unitIds = req.recommendation?.packages[0]?.units.map((u) => u.unitId) ?? [];
    if (unitIds.length === 0) throw new Error(`no unit recommended at ${stationId}`);
    desk.approveSupport(req.id, unitIds);
    for (const p of published.filter((x) => x.order.type === 'dispatch')) {
      const unitId = unitIds.find((id) => p.order.orderId === `${req.id}:dispatch:${id}`);
      if (unitId) ack(unitId, p.order.orderId, 'accepted');
    }
    return { incidentId: inc.id, req, unitIds };
  };
  const close = (): void => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return {
    desk,
    /** The desk with its commands run as another operator (a supervisor at another screen). */
    deskAs: (name: string, role: OperatorRole) => asCaller(raw, operatorCaller(name, role)),
    repo,
    operators,
    clock,
    counts,
    statuses,
    events,
    requests,
    published,
    tick,
    goOffline,
    moveUnit,
    incidentAt,
    ack,
    dispatchedAt,
    pack,
    close,
  };
}
