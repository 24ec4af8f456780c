import { describe, expect, it } from 'vitest';
import type { WallScreen } from '../../shared/domain/wall';
import { planWallWindows, type DisplayInfo } from '../../electron/main/wallPlan';

const left: DisplayInfo = { id: '101', bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
const right: DisplayInfo = { id: '202', bounds: { x: 1920, y: 0, width: 2560, height: 1440 } };
const above: DisplayInfo = { id: '303', bounds: { x: 0, y: -1080, width: 1920, height: 1080 } };

describe('planWallWindows', () => {
  it('puts each screen on its display, full screen when there is more than one display', () => {
    const screens: WallScreen[] = [
      { displayId: '202', role: 'map' },
      { displayId: '101', role: 'units' },
    ];
    const plan = planWallWindows(screens, [left, right, above], '101');
    expect(plan.notes).toEqual([]);
    expect(plan.windows).toEqual([
      { role: 'map', displayId: '202', onDisplayId: '202', bounds: right.bounds, fullscreen: true },
      {
        role: 'units',
        displayId: '101',
        onDisplayId: '101',
        bounds: left.bounds,
        fullscreen: true,
      },
    ]);
  });

  it('leaves displays the layout does not name alone', () => {
    const plan = planWallWindows([{ displayId: '303', role: 'kpi' }], [left, right, above], '101');
    expect(plan.windows.map((w) => w.onDisplayId)).toEqual(['303']);
  });

  it("resolves 'primary' to the display the OS calls primary", () => {
    const plan = planWallWindows([{ displayId: 'primary', role: 'map' }], [left, right], '202');
    expect(plan.windows[0]).toMatchObject({ onDisplayId: '202', bounds: right.bounds });
  });

  it('opens a screen whose display is absent on the primary display, and says so', () => {
    const screens: WallScreen[] = [
      { displayId: '101', role: 'map' },
      { displayId: '999', role: 'alerts' },
    ];
    const plan = planWallWindows(screens, [left, right], '202');
    expect(plan.windows.map((w) => [w.role, w.displayId, w.onDisplayId])).toEqual([
      ['map', '101', '101'],
      ['alerts', '999', '202'],
    ]);
    expect(plan.notes).toHaveLength(1);
    expect(plan.notes[0]).toContain('999');
    expect(plan.notes[0]).toContain('alerts');
  });

  it('never makes two windows sharing a display full screen', () => {
    const screens: WallScreen[] = [
      { displayId: 'primary', role: 'map' },
      { displayId: 'gone', role: 'kpi' },
      { displayId: '202', role: 'units' },
    ];
    const plan = planWallWindows(screens, [left, right], '101');
    expect(plan.windows.map((w) => [w.role, w.onDisplayId, w.fullscreen])).toEqual([
      ['map', '101', false],
      ['kpi', '101', false],
      ['units', '202', true],
    ]);
  });

  it('uses a plain window on a single-display workstation', () => {
    const plan = planWallWindows([{ displayId: 'primary', role: 'map' }], [left], '101');
    expect(plan.windows).toEqual([
      {
        role: 'map',
        displayId: 'primary',
        onDisplayId: '101',
        bounds: left.bounds,
        fullscreen: false,
      },
    ]);
  });

  it('falls back to the first display when the primary id is unknown, and to nothing without one', () => {
    expect(
      planWallWindows([{ displayId: 'primary', role: 'map' }], [right, left], 'x').windows[0]
        ?.onDisplayId,
    ).toBe('202');
    const none = planWallWindows([{ displayId: 'primary', role: 'map' }], [], '101');
    expect(none.windows).toEqual([]);
    expect(none.notes).toHaveLength(1);
  });
});
