import type { Alert } from '../domain/alerts';
import type { RegionSnapshot } from '../domain/region';
import type { StatusSnapshot } from '../domain/status';
import type { UnitPosition, UnitSnapshot } from '../domain/units';
import type { CommandName, ConsoleApi, ConsoleEvents, EventName } from './ConsoleApi';
import { EventHub } from './emitter';

/** In-memory ConsoleApi for unit tests: answers from `data`, events pushed by the test. */
export interface FakeConsoleApi extends ConsoleApi {
  readonly data: {
    region: RegionSnapshot;
    units: readonly UnitSnapshot[];
    status: StatusSnapshot;
    /** Recorded positions per unit id, oldest first. */
    tracks?: Readonly<Record<string, readonly UnitPosition[]>>;
    /** Answer of listAlerts(); ackAlert() marks one acknowledged by `operator` ('fake-operator'). */
    alerts?: Alert[];
    operator?: string;
  };
  /** Commands called so far, in order. */
  readonly calls: CommandName[];
  emit<E extends EventName>(name: E, payload: ConsoleEvents[E]): void;
  listenerCount(name: EventName): number;
}

export function createFakeApi(data: FakeConsoleApi['data']): FakeConsoleApi {
  const hub = new EventHub();
  const calls: CommandName[] = [];
  // Answers are cloned so a test cannot pass by mutating what the code under test received.
  const answer = <T>(name: CommandName, value: T): Promise<T> => {
    calls.push(name);
    return Promise.resolve(structuredClone(value));
  };
  return {
    data,
    calls,
    getRegion: () => answer('getRegion', data.region),
    getUnits: () => answer('getUnits', data.units),
    getStatus: () => answer('getStatus', data.status),
    getTrack: (unitId, fromMs, toMs) =>
      answer(
        'getTrack',
        (data.tracks?.[unitId] ?? []).filter((p) => p.tsMs >= fromMs && p.tsMs <= toMs),
      ),
    listAlerts: () => answer('listAlerts', data.alerts ?? []),
    ackAlert: (alertId) => {
      const list = data.alerts ?? [];
      const i = list.findIndex((a) => a.id === alertId);
      const found = list[i];
      if (!found) {
        calls.push('ackAlert');
        return Promise.reject(new Error(`unknown alert id ${alertId}`));
      }
      if (found.ackedMs !== undefined) {
        calls.push('ackAlert');
        return Promise.reject(new Error(`alert ${alertId} is already acknowledged`));
      }
      const acked: Alert = {
        ...found,
        ackedMs: Date.now(),
        ackedBy: data.operator ?? 'fake-operator',
      };
      list[i] = acked;
      return answer('ackAlert', acked);
    },
    on: (name, fn) => hub.on(name, fn),
    emit: (name, payload) => hub.emit(name, payload),
    listenerCount: (name) => hub.count(name),
  };
}
