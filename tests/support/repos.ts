import type Database from 'better-sqlite3';
import { EventLog } from '../../electron/core/log/EventLog';
import { AlertRepo } from '../../electron/core/store/AlertRepo';
import { SupportRepo } from '../../electron/core/store/SupportRepo';

/** The session id tests' repos hand out ids under. */
export const TEST_ORIGIN = 'lv-testtesttt';

/** The support repository over a store, writing into the store's event log. */
export function supportRepoOf(db: Database.Database, origin = TEST_ORIGIN): SupportRepo {
  return new SupportRepo(db, new EventLog(db), origin);
}

export function alertRepoOf(db: Database.Database): AlertRepo {
  return new AlertRepo(db, new EventLog(db));
}
