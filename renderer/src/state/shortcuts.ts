// Keyboard shortcuts for the frequent map actions: one table feeds both the key handler and the
// help overlay, so the overlay cannot list a key that does nothing.

export const SHORTCUT_ACTIONS = [
  'focus-search',
  'toggle-filters',
  'toggle-measure',
  'new-incident',
  'toggle-follow',
  'toggle-help',
] as const;
export type ShortcutAction = (typeof SHORTCUT_ACTIONS)[number];

export interface Shortcut {
  /** KeyboardEvent.key, lower case for letters. */
  readonly key: string;
  readonly action: ShortcutAction;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { key: '/', action: 'focus-search' },
  { key: 'f', action: 'toggle-filters' },
  { key: 'm', action: 'toggle-measure' },
  { key: 'n', action: 'new-incident' },
  { key: 'l', action: 'toggle-follow' },
  { key: '?', action: 'toggle-help' },
];

/** How a key is printed in the help overlay. */
export const keyLabel = (key: string): string =>
  key === ESCAPE_KEY ? 'Esc' : key.length === 1 ? key.toUpperCase() : key;

/** Ends map-pick, measure and closes panels everywhere (handled by each tool, listed in the help). */
export const ESCAPE_KEY = 'Escape';

export interface KeyLike {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly target: unknown;
}

const TYPING_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);
/** Inputs that take no text: a key pressed on a ticked filter box is still a shortcut. */
const NON_TEXT_INPUTS = new Set([
  'checkbox',
  'radio',
  'button',
  'submit',
  'reset',
  'range',
  'color',
]);

/** A key pressed here is text, not a command: text inputs, text areas, selects, editable content. */
export function isTypingTarget(target: unknown): boolean {
  if (typeof target !== 'object' || target === null) return false;
  const el = target as { tagName?: unknown; type?: unknown; isContentEditable?: unknown };
  if (el.isContentEditable === true) return true;
  if (typeof el.tagName !== 'string' || !TYPING_TAGS.has(el.tagName.toUpperCase())) return false;
  return !(
    el.tagName.toUpperCase() === 'INPUT' &&
    typeof el.type === 'string' &&
    NON_TEXT_INPUTS.has(el.type.toLowerCase())
  );
}

/**
 * The action a key press asks for, or undefined. Modified keys (Ctrl/Cmd/Alt) are left to the
 * browser and the OS; Shift is allowed because '?' needs it on most layouts.
 */
export function shortcutFor(e: KeyLike): ShortcutAction | undefined {
  if (e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return undefined;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  return SHORTCUTS.find((s) => s.key === key)?.action;
}
