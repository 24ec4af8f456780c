import type Database from 'better-sqlite3';
import {
  SCREEN_ROLES,
  type ScreenRole,
  type WallLayout,
  type WallScreen,
} from '../../../shared/domain/wall';
import { actor } from '../auth/callerScope';

/** Same bounds as the saveWallLayout argument schema: the core refuses what the edge refuses. */
export const WALL_MAX_SCREENS = 16;
export const WALL_DISPLAY_ID_MAX = 64;

/** Until a layout is saved, the workstation's primary display shows the full console. */
export const DEFAULT_WALL_SCREENS: readonly WallScreen[] = [{ displayId: 'primary', role: 'map' }];

interface WallLayoutRow {
  screens: string;
  updated_ms: number;
  updated_by: string;
}

export interface WallLayoutDeps {
  readonly now: () => number;
  readonly emit: (layout: WallLayout) => void;
}

const isRole = (v: unknown): v is ScreenRole =>
  typeof v === 'string' && (SCREEN_ROLES as readonly string[]).includes(v);

/**
 * Checks and normalises screens (display ids trimmed). Throws a plain-English reason on the first
 * problem. The transports zod-check the same rules; this guards callers that bypass them (tests,
 * the Electron main process).
 */
export function checkWallScreens(screens: readonly WallScreen[]): WallScreen[] {
  if (!Array.isArray(screens) || screens.length === 0)
    throw new Error('a layout needs at least one screen');
  if (screens.length > WALL_MAX_SCREENS) throw new Error(`at most ${WALL_MAX_SCREENS} screens`);
  const seen = new Set<string>();
  return screens.map((s, i) => {
    const displayId = typeof s.displayId === 'string' ? s.displayId.trim() : '';
    if (displayId === '' || displayId.length > WALL_DISPLAY_ID_MAX)
      throw new Error(`screen ${i + 1}: display id must be 1–${WALL_DISPLAY_ID_MAX} characters`);
    if (!isRole(s.role)) throw new Error(`screen ${i + 1}: unknown role ${String(s.role)}`);
    if (seen.has(displayId)) throw new Error(`display ${displayId} appears more than once`);
    seen.add(displayId);
    return { displayId, role: s.role };
  });
}

/** Reads a stored screens column; entries this build cannot show (a newer role) are dropped. */
function parseScreens(json: string): WallScreen[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((v: unknown) => {
    if (typeof v !== 'object' || v === null) return [];
    const { displayId, role } = v as Record<string, unknown>;
    return typeof displayId === 'string' && displayId !== '' && isRole(role)
      ? [{ displayId, role }]
      : [];
  });
}

/** This workstation's video-wall layout: one row, replaced whole on every save. */
export class WallLayoutRepo {
  private readonly selectRow: Database.Statement<[], WallLayoutRow>;
  private readonly upsert: Database.Statement<[string, number, string]>;

  constructor(
    db: Database.Database,
    private readonly deps: WallLayoutDeps,
  ) {
    this.selectRow = db.prepare('SELECT screens, updated_ms, updated_by FROM wall_layout');
    this.upsert = db.prepare(
      `INSERT INTO wall_layout (id, screens, updated_ms, updated_by) VALUES (1, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET
         screens = excluded.screens, updated_ms = excluded.updated_ms,
         updated_by = excluded.updated_by`,
    );
  }

  /** The saved layout, or the default (updatedMs 0, by nobody) when none was saved. */
  get(): WallLayout {
    const row = this.selectRow.get();
    const screens = row ? parseScreens(row.screens) : [];
    if (!row || screens.length === 0)
      return { screens: DEFAULT_WALL_SCREENS, updatedMs: 0, updatedBy: '' };
    return { screens, updatedMs: row.updated_ms, updatedBy: row.updated_by };
  }

  /** Replaces the layout in the operator's name and tells every view. */
  save(screens: readonly WallScreen[]): WallLayout {
    const checked = checkWallScreens(screens);
    const layout: WallLayout = {
      screens: checked,
      updatedMs: this.deps.now(),
      updatedBy: actor().name,
    };
    this.upsert.run(JSON.stringify(checked), layout.updatedMs, layout.updatedBy);
    this.deps.emit(layout);
    return layout;
  }
}
