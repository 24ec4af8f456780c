import type { ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider';
import { ESCAPE_KEY, SHORTCUTS, keyLabel } from '../state/shortcuts';

/** The keyboard shortcuts, from the same table the key handler uses. */
export function HelpOverlay({ onClose }: { readonly onClose: () => void }): ReactNode {
  const t = useT();
  return (
    <div
      className="help-overlay"
      data-testid="help-overlay"
      role="dialog"
      aria-label={t('tools.help')}
    >
      <h2>{t('tools.help')}</h2>
      <dl>
        {SHORTCUTS.map((s) => (
          <div key={s.action} className="help-row" data-testid="help-shortcut" data-key={s.key}>
            <dt>
              <kbd>{keyLabel(s.key)}</kbd>
            </dt>
            <dd>{t(`shortcut.${s.action}` as const)}</dd>
          </div>
        ))}
        <div className="help-row">
          <dt>
            <kbd>{keyLabel(ESCAPE_KEY)}</kbd>
          </dt>
          <dd>{t('tools.escape')}</dd>
        </div>
      </dl>
      <button type="button" className="tool-button" data-testid="help-close" onClick={onClose}>
        {t('tools.helpClose')}
      </button>
    </div>
  );
}
