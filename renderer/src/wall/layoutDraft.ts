import { SCREEN_ROLES, type ScreenRole, type WallScreen } from '../../../shared/domain/wall';

/** Same limit as the saveWallLayout argument schema. */
export const MAX_WALL_SCREENS = 16;

export type DraftProblem = 'empty' | 'blank-id' | 'duplicate-id' | 'too-many';

/** A new row: the next free "display-N" id and the first role not on the wall yet. */
export function addScreen(rows: readonly WallScreen[]): WallScreen[] {
  const ids = new Set(rows.map((r) => r.displayId.trim()));
  let n = rows.length + 1;
  while (ids.has(`display-${n}`)) n++;
  const used = new Set(rows.map((r) => r.role));
  const role: ScreenRole = SCREEN_ROLES.find((r) => !used.has(r)) ?? 'map';
  return [...rows, { displayId: `display-${n}`, role }];
}

export function removeScreen(rows: readonly WallScreen[], index: number): WallScreen[] {
  return rows.filter((_, i) => i !== index);
}

export function updateScreen(
  rows: readonly WallScreen[],
  index: number,
  change: Partial<WallScreen>,
): WallScreen[] {
  return rows.map((r, i) => (i === index ? { ...r, ...change } : r));
}

/** Why the draft cannot be saved yet (the core would refuse it too), or undefined. */
export function draftProblem(rows: readonly WallScreen[]): DraftProblem | undefined {
  if (rows.length === 0) return 'empty';
  if (rows.length > MAX_WALL_SCREENS) return 'too-many';
  const ids = rows.map((r) => r.displayId.trim());
  if (ids.some((id) => id === '')) return 'blank-id';
  if (new Set(ids).size !== ids.length) return 'duplicate-id';
  return undefined;
}

/** What is sent: ids trimmed, as the core stores them. */
export const toSave = (rows: readonly WallScreen[]): WallScreen[] =>
  rows.map((r) => ({ displayId: r.displayId.trim(), role: r.role }));
