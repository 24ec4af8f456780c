// Video wall: screen roles and the workstation layout that assigns them to displays.

export const SCREEN_ROLES = ['map', 'units', 'support', 'kpi', 'alerts', 'drill'] as const;
export type ScreenRole = (typeof SCREEN_ROLES)[number];

export interface WallScreen {
  /** Electron display id (as a string) on a workstation; any stable label for a wall PC. */
  readonly displayId: string;
  readonly role: ScreenRole;
}

export interface WallLayout {
  /** One entry per display; the first is the main screen. */
  readonly screens: readonly WallScreen[];
  readonly updatedMs: number;
  /** Operator who saved it last. */
  readonly updatedBy: string;
}
