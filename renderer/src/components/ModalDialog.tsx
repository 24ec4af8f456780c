import { useEffect, useRef, type ReactNode, type RefObject } from 'react';
import { useT } from '../i18n/I18nProvider';

/** A native modal <dialog> shown while `open`; its own close (Esc, the button) calls onClose. */
export function useModalDialog(open: boolean): RefObject<HTMLDialogElement | null> {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return ref;
}

/** The dialog's "close" button. */
export function DialogClose({
  dialog,
  testId,
}: {
  readonly dialog: RefObject<HTMLDialogElement | null>;
  readonly testId: string;
}): ReactNode {
  const t = useT();
  return (
    <button
      type="button"
      className="dialog-close"
      data-testid={testId}
      onClick={() => dialog.current?.close()}
    >
      {t('about.close')}
    </button>
  );
}
