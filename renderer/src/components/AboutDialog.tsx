import type { ReactNode } from 'react';
import type { RegionInfo } from '../../../shared/domain/region';
import { useT } from '../i18n/I18nProvider';
import { DialogClose, useModalDialog } from './ModalDialog';

interface Props {
  readonly open: boolean;
  readonly info: RegionInfo | undefined;
  readonly simulator: boolean;
  readonly onClose: () => void;
}

export function AboutDialog({ open, info, simulator, onClose }: Props): ReactNode {
  const t = useT();
  const ref = useModalDialog(open);

  return (
    <dialog ref={ref} className="about-dialog" data-testid="about-dialog" onClose={onClose}>
      <h2>{t('about.title')}</h2>
      <p>{t('about.intro')}</p>
      {info?.schematic !== false && <p className="about-note">{t('about.schematic')}</p>}
      {simulator && <p className="about-note">{t('about.simulated')}</p>}
      <h3>{t('about.credits')}</h3>
      <ul className="credits" data-testid="about-credits">
        {(info?.credits ?? []).map((c) => (
          <li key={c.what} data-credit={c.what}>
            {c.text}
          </li>
        ))}
        <li>{t('about.software')}</li>
      </ul>
      <DialogClose dialog={ref} testId="about-close" />
    </dialog>
  );
}
