import type { ReactNode } from 'react';
import { AlertsPanel } from '../components/AlertsPanel';
import type { AlertsState } from '../state/alertsStore';

interface Props {
  readonly alerts: AlertsState;
  readonly callsigns: ReadonlyMap<string, string>;
  readonly muted: boolean;
  readonly onToggleMute: () => void;
}

/**
 * The console's alert list, full screen in big type (the wall CSS scales the panel up). A wall
 * shows alerts; acknowledging one is an operator's act, at a console.
 */
export function AlertsBoard({ alerts, callsigns, muted, onToggleMute }: Props): ReactNode {
  return (
    <div className="wall-alerts" data-testid="alerts-board">
      <AlertsPanel
        alerts={alerts}
        callsigns={callsigns}
        muted={muted}
        onToggleMute={onToggleMute}
      />
    </div>
  );
}
