import { translate, type Lang, type Translate } from '../../renderer/src/i18n/messages';

/** The renderer's translate bound to one language, as components get it from useT(). */
export const tIn =
  (lang: Lang): Translate =>
  (key, params) =>
    translate(lang, key, params);
