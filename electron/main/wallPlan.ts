// Which window goes on which display: a pure function over plain records, so it is unit-tested
// without Electron (wallWindows.ts feeds it from the screen API).
import type { ScreenRole, WallScreen } from '../../shared/domain/wall';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A display as the screen API reports it, id as a string (the layout stores strings). */
export interface DisplayInfo {
  readonly id: string;
  readonly bounds: Rect;
}

export interface WindowPlan {
  readonly role: ScreenRole;
  /** The layout's display id, as saved. */
  readonly displayId: string;
  /** The display the window opens on (the primary one when the layout's display is absent). */
  readonly onDisplayId: string;
  readonly bounds: Rect;
  /** Full screen on a wall; a plain window when the workstation has a single display. */
  readonly fullscreen: boolean;
}

export interface WallPlan {
  readonly windows: readonly WindowPlan[];
  /** Why a window is not where the layout put it; logged by the caller. */
  readonly notes: readonly string[];
}

/** The layout's name for "whichever display the OS calls primary". */
export const PRIMARY_DISPLAY = 'primary';

/**
 * One window per layout screen, on its display. Displays the layout does not name are left alone;
 * a screen whose display is absent (unplugged, another machine's id) falls back to the primary
 * display. Two windows sharing a display are never both full screen: they would hide each other.
 */
export function planWallWindows(
  screens: readonly WallScreen[],
  displays: readonly DisplayInfo[],
  primaryId: string,
): WallPlan {
  const byId = new Map(displays.map((d) => [d.id, d]));
  const primary = byId.get(primaryId) ?? displays[0];
  if (!primary) return { windows: [], notes: ['no display found: no window opened'] };
  const notes: string[] = [];
  const placed = screens.map((s) => {
    const wanted = s.displayId === PRIMARY_DISPLAY ? primary : byId.get(s.displayId);
    if (!wanted)
      notes.push(`display ${s.displayId} (${s.role}) is absent: opened on the primary display`);
    return { screen: s, display: wanted ?? primary };
  });
  const perDisplay = new Map<string, number>();
  for (const p of placed) perDisplay.set(p.display.id, (perDisplay.get(p.display.id) ?? 0) + 1);
  const wall = displays.length > 1;
  return {
    windows: placed.map(({ screen, display }) => ({
      role: screen.role,
      displayId: screen.displayId,
      onDisplayId: display.id,
      bounds: display.bounds,
      fullscreen: wall && perDisplay.get(display.id) === 1,
    })),
    notes,
  };
}
