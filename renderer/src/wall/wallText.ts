import type { ScreenRole } from '../../../shared/domain/wall';
import type { MessageKey } from '../i18n/messages';
import type { DraftProblem } from './layoutDraft';

// Translated by key convention, as in i18n/messages.ts: a new role or problem without a message is
// a compile error here rather than a blank label on the wall.
export const screenRoleKey = (r: ScreenRole): `wall.role.${ScreenRole}` & MessageKey =>
  `wall.role.${r}`;
export const wallProblemKey = (p: DraftProblem): `wall.problem.${DraftProblem}` & MessageKey =>
  `wall.problem.${p}`;
