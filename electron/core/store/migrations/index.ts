import type { Migration } from '../migrate';
import { m0001Telemetry } from './0001-telemetry';
import { m0002Alerts } from './0002-alerts';
import { m0003Support } from './0003-support';
import { m0004WallLayout } from './0004-wall-layout';
import { m0005IncidentClose } from './0005-incident-close';
import { m0006Supervisors } from './0006-supervisors';
import { m0007EventNote } from './0007-event-note';
import { m0008BrokerSession } from './0008-broker-session';
import { m0009SessionMeta } from './0009-session-meta';
import { m0010EventLog } from './0010-event-log';
import { m0011DeviceCredential } from './0011-device-credential';
import { m0012Refusals } from './0012-refusals';
import { m0013Operators } from './0013-operators';
import { m0014RequestAuthority } from './0014-request-authority';

/** Append-only: never edit or reorder a shipped migration, add the next number. */
export const MIGRATIONS: readonly Migration[] = [
  m0001Telemetry,
  m0002Alerts,
  m0003Support,
  m0004WallLayout,
  m0005IncidentClose,
  m0006Supervisors,
  m0007EventNote,
  m0008BrokerSession,
  m0009SessionMeta,
  m0010EventLog,
  m0011DeviceCredential,
  m0012Refusals,
  m0013Operators,
  m0014RequestAuthority,
];
