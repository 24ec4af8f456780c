import type { ReactNode } from 'react';
import type { ConsoleApi } from '../../../shared/contract/ConsoleApi';
import { AlertsPanel } from '../components/AlertsPanel';
import type { AlertsState } from '../state/alertsStore';

interface Props {
  readonly api: ConsoleApi;
  readonly alerts: AlertsState;
  readonly callsigns: ReadonlyMap<string, string>;
  readonly muted: boolean;
  readonly onToggleMute: () => void;
}

/** The console's alert list, full screen in big type (the wall CSS scales the panel up). */
export function AlertsBoard({ api, alerts, callsigns, muted, onToggleMute }: Props): ReactNode {
  return (
    <div className="wall-alerts" data-testid="alerts-board">
      <AlertsPanel
        alerts={alerts}
        callsigns={callsigns}
        muted={muted}
        onToggleMute={onToggleMute}
        onAck={(id) => api.ackAlert(id)}
      />
    </div>
  );
}
