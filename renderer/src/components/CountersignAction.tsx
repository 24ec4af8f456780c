import { useState } from 'react';
import type { ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider';

interface Props {
  /** Supervisors enrolled on this console. */
  readonly supervisors: readonly string[];
  readonly busy: boolean;
  readonly disabled: boolean;
  readonly onConfirm: (supervisor: string, password: string) => void;
}

/**
 * Approve for a grade above the operator's role: a supervisor at the operator's side countersigns
 * (会签) with their name and login password. The password field is cleared as soon as it is sent.
 */
export function CountersignAction(p: Props): ReactNode {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [supervisor, setSupervisor] = useState(p.supervisors.length === 1 ? p.supervisors[0] : '');
  const [pin, setPin] = useState('');
  if (!open) {
    return (
      <button
        type="button"
        className="primary-button"
        data-testid="approve-support"
        disabled={p.busy || p.disabled}
        onClick={() => setOpen(true)}
      >
        {t('countersign.approve')}
      </button>
    );
  }
  if (p.supervisors.length === 0) {
    return (
      <div className="countersign" data-testid="countersign-form">
        <span className="panel-error" role="alert" data-testid="countersign-none">
          {t('countersign.none')}
        </span>
        <button
          type="button"
          className="link-button"
          data-testid="countersign-cancel"
          onClick={() => setOpen(false)}
        >
          {t('countersign.cancel')}
        </button>
      </div>
    );
  }
  const ready = supervisor !== '' && pin !== '';
  return (
    <form
      className="countersign"
      data-testid="countersign-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!ready || p.busy) return;
        const given = pin;
        setPin('');
        p.onConfirm(supervisor ?? '', given);
      }}
    >
      <span className="small">{t('countersign.title')}</span>
      <select
        data-testid="countersign-supervisor"
        aria-label={t('countersign.supervisor')}
        value={supervisor}
        onChange={(e) => setSupervisor(e.target.value)}
      >
        <option value="">{t('countersign.choose')}</option>
        {p.supervisors.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      <input
        type="password"
        data-testid="countersign-password"
        aria-label={t('countersign.password')}
        placeholder={t('countersign.password')}
        autoComplete="off"
        maxLength={128}
        value={pin}
        onChange={(e) => setPin(e.target.value)}
      />
      <button
        type="submit"
        className="primary-button"
        data-testid="countersign-confirm"
        disabled={p.busy || p.disabled || !ready}
      >
        {t('countersign.confirm')}
      </button>
      <button
        type="button"
        className="link-button"
        data-testid="countersign-cancel"
        onClick={() => {
          setPin('');
          setOpen(false);
        }}
      >
        {t('countersign.cancel')}
      </button>
    </form>
  );
}
