import { useCallback } from 'react';
import type { ReactNode } from 'react';
import type { ConsoleApi } from '../../../shared/contract/ConsoleApi';
import type { RegionSnapshot } from '../../../shared/domain/region';
import { useSupportDesk } from '../components/useSupportDesk';
import type { SupportStores } from '../state/useSupportSync';
import { errorText } from '../components/usePendingAction';

interface Props {
  readonly api: ConsoleApi;
  readonly stores: SupportStores;
  readonly region: RegionSnapshot | undefined;
  readonly callsigns: ReadonlyMap<string, string>;
  readonly reconnects: number;
  readonly onError: (message: string) => void;
}

/**
 * Incidents, support board and timeline on one screen: the console's own support desk panels,
 * laid out full screen by the wall CSS instead of floating over the map.
 */
export function SupportWall({
  api,
  stores,
  region,
  callsigns,
  reconnects,
  onError,
}: Props): ReactNode {
  const onDeskError = useCallback((e: unknown) => onError(errorText(e)), [onError]);
  const desk = useSupportDesk({
    api,
    stores,
    region,
    callsigns,
    reconnects,
    onError: onDeskError,
    boardInitiallyOpen: true,
  });
  return (
    <div className="wall-support" data-testid="support-wall">
      {desk.panels}
    </div>
  );
}
