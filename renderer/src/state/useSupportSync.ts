import { useEffect, useState } from 'react';
import type { ConsoleApi, SupportSetup } from '../../../shared/contract/ConsoleApi';
import { createIncidentsStore, type IncidentsStore } from './incidentsStore';
import { createSupportStore, type SupportStore } from './supportStore';
import { createUnitStatusStore, type UnitStatusStore } from './unitStatusStore';

export interface SupportStores {
  readonly incidents: IncidentsStore;
  readonly support: SupportStore;
  readonly unitStatuses: UnitStatusStore;
}

export function createSupportStores(): SupportStores {
  return {
    incidents: createIncidentsStore(),
    support: createSupportStore(),
    unitStatuses: createUnitStatusStore(),
  };
}

/**
 * Feeds the support stores: pushed events as they come, and the lists reloaded after every
 * reconnect (changes pushed while the link was down were missed). Returns the support setup.
 */
export function useSupportSync(
  api: ConsoleApi,
  stores: SupportStores,
  reconnects: number,
  onError: (e: unknown) => void,
): SupportSetup | undefined {
  const [setup, setSetup] = useState<SupportSetup>();
  const { incidents, support, unitStatuses } = stores;

  useEffect(() => {
    const offs = [
      api.on('incident', (i) => incidents.apply(i)),
      api.on('support', (r) => support.apply(r)),
      api.on('supportEvent', (e) => support.applyEvent(e)),
      api.on('suggestion', (g) => support.applySuggestion(g)),
      api.on('unitStatuses', (list) => unitStatuses.apply(list)),
      // An administrator enrolled or removed a supervisor: the countersign list follows at once.
      api.on('operators', ({ supervisors }) => setSetup((s) => s && { ...s, supervisors })),
    ];
    return () => {
      for (const off of offs) off();
    };
  }, [api, incidents, support, unitStatuses]);

  useEffect(() => {
    let live = true;
    const fail = (e: unknown): void => {
      if (live) onError(e);
    };
    api.getSupportSetup().then((s) => live && setSetup(s), fail);
    api.listIncidents().then((list) => live && incidents.reset(list), fail);
    api.listSupport().then((list) => live && support.reset(list), fail);
    api.listSuggestions().then((list) => live && support.resetSuggestions(list), fail);
    api.getUnitStatuses().then((list) => live && unitStatuses.reset(list), fail);
    return () => {
      live = false;
    };
  }, [api, incidents, support, unitStatuses, reconnects, onError]);

  return setup;
}
