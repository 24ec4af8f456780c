import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { ConsoleApi } from '../../../shared/contract/ConsoleApi';
import type { RegionSnapshot } from '../../../shared/domain/region';
import type { StatusSnapshot } from '../../../shared/domain/status';
import type { RosterUnit, UnitSnapshot } from '../../../shared/domain/units';
import { errorText } from '../components/usePendingAction';
import { createAlertsStore, type AlertsState, type AlertsStore } from '../state/alertsStore';
import { receiveClock } from '../state/sessionClock';
import { stalenessOf, type Heard, type Staleness } from '../state/staleness';
import { newerStatus } from '../state/statusView';
import type { UnitsStore } from '../state/unitsStore';
import type { LinkStore, LinkSnapshot } from '../transport/linkStore';

export interface ConsoleFeeds {
  readonly link: LinkSnapshot;
  /**
   * Bumped whenever lists must be loaded again: a reconnect (what was pushed while the link was
   * down was missed), or a replay's jump back in time.
   */
  readonly reloads: number;
  readonly status: StatusSnapshot | undefined;
  /** Why the picture may not be current (link lost, token refused, broker down, no data). */
  readonly stale: Staleness | undefined;
  readonly region: RegionSnapshot | undefined;
  /** The roster in getUnits() order: the unit board needs kind and station, frames do not carry them. */
  readonly roster: readonly RosterUnit[];
  /** The last getUnits() answer as is (drone altitude, last sample) for the map tools. */
  readonly snapshots: readonly UnitSnapshot[];
  readonly callsigns: ReadonlyMap<string, string>;
  readonly alertsStore: AlertsStore;
  readonly alerts: AlertsState;
  readonly error: string | undefined;
  readonly setError: (message: string | undefined) => void;
}

/**
 * The state every wall screen shares with the console, fed the same way: pushed events as they come,
 * lists reloaded after every reconnect (what was pushed while the link was down was missed).
 */
export function useConsoleFeeds(
  api: ConsoleApi,
  units: UnitsStore,
  link: LinkStore,
  /** Called for an alert that sounds the tone (a new SOS, …); undefined = this screen is silent. */
  onAlarm?: () => void,
): ConsoleFeeds {
  const alarmRef = useRef(onAlarm);
  useEffect(() => {
    alarmRef.current = onAlarm;
  }, [onAlarm]);
  const linkSnap = useSyncExternalStore(link.subscribe, link.getSnapshot);
  const { reconnects } = linkSnap;
  const [status, setStatus] = useState<StatusSnapshot>();
  // Transport timing, by the machine's monotonic clock (not domain time): when statuses arrived.
  const [heard, setHeard] = useState<Heard>();
  const [machineMs, setMachineMs] = useState(() => performance.now());
  useEffect(() => {
    const timer = setInterval(() => setMachineMs(performance.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  const [region, setRegion] = useState<RegionSnapshot>();
  const [snapshots, setSnapshots] = useState<readonly UnitSnapshot[]>([]);
  const roster = useMemo(() => snapshots.map((s) => s.unit), [snapshots]);
  const [error, setError] = useState<string>();
  const [alertsStore] = useState(createAlertsStore);
  const alerts = useSyncExternalStore(alertsStore.subscribe, alertsStore.getSnapshot);

  useEffect(() => api.on('unitsFrame', (frame) => units.push(frame)), [api, units]);
  useEffect(
    () =>
      api.on('alert', (e) => {
        if (alertsStore.push(e)) alarmRef.current?.();
      }),
    [api, alertsStore],
  );

  useEffect(() => {
    let live = true;
    const receive = (s: StatusSnapshot): void => {
      receiveClock(s.clock);
      setStatus((prev) => newerStatus(prev, s));
      const at = performance.now();
      setHeard((h) => ({ firstMs: h?.firstMs ?? at, lastMs: at }));
    };
    const off = api.on('status', receive);
    api.getStatus().then(
      (s) => {
        if (live) receive(s);
      },
      () => undefined, // the pushed status events carry the same data
    );
    return () => {
      live = false;
      off();
    };
  }, [api]);

  const reloads = reconnects + (status?.replay?.epoch ?? 0);
  useEffect(() => {
    let live = true;
    const fail = (e: unknown): void => {
      if (live) setError(errorText(e));
    };
    api.getUnits().then((list) => {
      if (!live) return;
      units.reset(list);
      setSnapshots(list);
      // A failure from while the link was down is over once the lists load again.
      setError(undefined);
    }, fail);
    api.listAlerts().then((list) => live && alertsStore.reset(list), fail);
    return () => {
      live = false;
    };
  }, [api, units, alertsStore, reloads]);

  // The region is static for a session; fetched once, retried when a lost link comes back.
  useEffect(() => {
    if (region) return;
    let live = true;
    api.getRegion().then(
      (r) => {
        if (!live) return;
        setRegion(r);
        setError(undefined);
      },
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [api, region, reconnects]);

  const callsigns = useMemo(() => new Map(roster.map((u) => [u.id, u.callsign])), [roster]);

  return {
    link: linkSnap,
    reloads,
    status,
    stale: stalenessOf(linkSnap, status, heard, machineMs),
    region,
    roster,
    snapshots,
    callsigns,
    alertsStore,
    alerts,
    error,
    setError,
  };
}
