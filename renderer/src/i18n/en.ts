import type { MessageKey } from './zhCN';

// Typed against the zh-CN key set: a missing or extra key is a compile error.
export const en: Record<MessageKey, string> = {
  'app.title': 'Muster Command Console',
  'app.loading': 'Connecting to the console…',
  'app.loadError': 'Could not load data: {message}',
  'app.unreachable':
    'Cannot reach the console, retrying. Check that npm run serve is still running; if it was restarted, open the new address it printed (the token changes).',

  'noToken.title': 'Access token missing',
  'noToken.body':
    'This page needs an access token issued by the console. On the computer running npm run serve, copy the full address printed in its terminal (including ?token=…) and open it in this browser.',
  'noToken.hint':
    'The token is kept for this browser session only; after closing the tab, open that address again.',

  'status.region': 'Region',
  'status.broker': 'Broker',
  'status.brokerEmbedded': 'embedded',
  'status.brokerExternal': 'external',
  'status.msgsPerSec': 'msgs/s',
  'status.unitsOnline': 'Units online',
  'status.accepted': 'Accepted',
  'status.rejected': 'Rejected',
  'status.rejectedTitle': 'Rejected by reason',
  'status.rejectedNone': 'No rejected messages',
  'status.console': 'Console link',
  'status.clock': 'Time',
  'status.simulator': 'SIMULATED',
  'status.noData': '—',
  'status.lastError': 'Last error: {message}',
  'status.protocol': 'MQTT protocol: {version}',
  'status.reconnects': 'Reconnects: {count}',
  'status.storeError': 'Storage failing',

  'console.local': 'local',
  'console.connecting': 'connecting',
  'console.open': 'connected',
  'console.closed': 'lost, reconnecting',

  'broker.connecting': 'connecting',
  'broker.connected': 'connected',
  'broker.reconnecting': 'reconnecting',
  'broker.offline': 'offline',

  'reject.too-large': 'message too large',
  'reject.malformed-json': 'malformed JSON',
  'reject.bad-topic': 'bad topic',
  'reject.schema': 'schema check failed',
  'reject.out-of-range': 'value out of range',
  'reject.timestamp-out-of-range': 'timestamp out of range',
  'reject.unknown-device': 'unknown device',
  'reject.kind-mismatch': 'device kind mismatch',

  'kind.officer-pair': 'Foot patrol pair (body-cam)',
  'kind.patrol-car': 'Patrol car',
  'kind.motorbike': 'Motorbike',
  'kind.traffic-car': 'Traffic car',
  'kind.drone': 'Drone',

  'liveness.unknown': 'unknown',
  'liveness.online': 'online',
  'liveness.stale': 'delayed',
  'liveness.offline': 'offline',

  'legend.title': 'Legend',
  'legend.kinds': 'Unit types',
  'legend.liveness': 'Liveness',
  'legend.station': 'Station / squad (simulated location)',
  'legend.jurisdiction': 'Station area (schematic)',
  'legend.outline': 'County extent (schematic)',
  'legend.river': 'River',
  'legend.place': 'Township / place',

  'map.schematic':
    'Schematic map: station areas and station locations are schematic; units are simulated',

  // Language names are shown in their own script in every language, as language pickers do.
  'lang.zh': '中',
  'lang.en': 'EN',
  'lang.toggleTitle': 'Switch interface language / 切换界面语言',

  'about.button': 'About / data credits',
  'about.title': 'About Muster and data credits',
  'about.intro': 'Muster is a command console for police duty commanders.',
  'about.credits': 'Data sources and licences',
  'about.schematic':
    'Station areas are schematic (示意), not official boundaries; station positions are simulated, not real addresses.',
  'about.simulated': 'Units and their tracks are simulated, not real force deployment.',
  'about.software': 'Map engine: MapLibre GL JS (BSD-3-Clause); layer rendering: deck.gl (MIT).',
  'about.close': 'Close',
  'alerts.title': 'Alerts',
  'alerts.openCount': '{count} open',
  'alerts.none': 'No alerts',
  'alerts.sound': 'Sound on',
  'alerts.muted': 'Sound off',
  'alerts.muteTitle': 'Mute the tone for new alerts',
  'alerts.unmuteTitle': 'Sound a tone for new alerts',
  'alerts.ack': 'Acknowledge',
  'alerts.ackedBy': 'Acknowledged by {who} at {time}',
  'alerts.ackFailed': 'Acknowledgement failed: {message}',
  'alerts.valuePct': 'battery {value}%',
  'alerts.valueBpm': '{value} bpm',
  'alertKind.sos': 'SOS',
  'alertKind.low-battery': 'Low battery',
  'alertKind.heart-rate': 'Abnormal heart rate',
  'alertKind.offline': 'Offline while assigned',
  'alertState.active': 'unacknowledged',
  'alertState.acked': 'acknowledged',
  'alertState.cleared': 'cleared, unacknowledged',
  'status.alerts': 'Open alerts',
};
