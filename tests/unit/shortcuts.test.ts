import { describe, expect, it } from 'vitest';
import {
  SHORTCUTS,
  SHORTCUT_ACTIONS,
  isTypingTarget,
  keyLabel,
  shortcutFor,
} from '../../renderer/src/state/shortcuts';
import { en } from '../../renderer/src/i18n/en';
import { zhCN } from '../../renderer/src/i18n/zhCN';

const press = (key: string, target: unknown = { tagName: 'DIV' }, mods = {}) => ({
  key,
  target,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('keyboard shortcuts', () => {
  it('map each key to its action, letters in either case', () => {
    expect(shortcutFor(press('/'))).toBe('focus-search');
    expect(shortcutFor(press('f'))).toBe('toggle-filters');
    expect(shortcutFor(press('M'))).toBe('toggle-measure');
    expect(shortcutFor(press('n'))).toBe('new-incident');
    expect(shortcutFor(press('l'))).toBe('toggle-follow');
    expect(shortcutFor(press('?'))).toBe('toggle-help');
    expect(shortcutFor(press('q'))).toBeUndefined();
  });

  it('do not fire while typing or with Ctrl/Cmd/Alt held', () => {
    expect(isTypingTarget({ tagName: 'input' })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTypingTarget(null)).toBe(false);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'search' })).toBe(true);
    // A ticked filter box takes no text: shortcuts still work from it.
    expect(shortcutFor(press('/', { tagName: 'INPUT', type: 'checkbox' }))).toBe('focus-search');
    for (const tag of ['INPUT', 'TEXTAREA', 'SELECT']) {
      expect(shortcutFor(press('f', { tagName: tag }))).toBeUndefined();
    }
    expect(shortcutFor(press('f', { tagName: 'DIV' }, { ctrlKey: true }))).toBeUndefined();
    expect(shortcutFor(press('n', { tagName: 'DIV' }, { metaKey: true }))).toBeUndefined();
  });

  it('have one key per action and a help text in both languages', () => {
    expect(new Set(SHORTCUTS.map((s) => s.key)).size).toBe(SHORTCUTS.length);
    expect(SHORTCUTS.map((s) => s.action).sort()).toEqual([...SHORTCUT_ACTIONS].sort());
    for (const a of SHORTCUT_ACTIONS) {
      expect(zhCN[`shortcut.${a}`]).toBeTruthy();
      expect(en[`shortcut.${a}`]).toBeTruthy();
    }
    expect(keyLabel('m')).toBe('M');
  });
});
