import { refusalOf } from '../../../shared/domain/refusal';
import { refusalKey, type Translate } from '../i18n/messages';

/**
 * A failed command's message as the operator reads it: a refusal the core tagged (shared/domain/
 * refusal) in the UI language; anything else as the core worded it.
 */
export function failureText(t: Translate, message: string): string {
  const r = refusalOf(message);
  return r === undefined ? message : t(refusalKey(r));
}
