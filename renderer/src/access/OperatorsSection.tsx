import { useCallback, useEffect, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { ConsoleApi } from '../../../shared/contract/ConsoleApi';
import {
  OPERATOR_ROLES,
  PASSWORD_MIN,
  type OperatorEntry,
  type OperatorRole,
} from '../../../shared/domain/operators';
import { ChoiceSelect } from '../components/ChoiceSelect';
import { ConfirmAction } from '../components/ConfirmAction';
import { failureText } from '../components/failureText';
import { useDateTimeFormat } from '../i18n/formats';
import { useT } from '../i18n/I18nProvider';
import { roleKey } from '../i18n/messages';

/** The operators enrolled, and the form that enrols one (or gives one a new role and password). */
export function OperatorsSection({ api }: { readonly api: ConsoleApi }): ReactNode {
  const t = useT();
  const dateTime = useDateTimeFormat();
  const [rows, setRows] = useState<readonly OperatorEntry[]>([]);
  const [error, setError] = useState<string | undefined>();
  const [name, setName] = useState('');
  const [role, setRole] = useState<OperatorRole>('commander');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);

  const fail = useCallback((err: unknown) => setError(failureText(t, String(err))), [t]);
  const reload = useCallback(() => {
    api.listOperators().then(setRows, fail);
  }, [api, fail]);
  useEffect(reload, [reload]);

  const enrol = (e: FormEvent): void => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    api
      .enrolOperator({ name: name.trim(), role, password })
      .then(() => {
        setName('');
        setPassword('');
        reload();
      }, fail)
      .finally(() => setBusy(false));
  };
  const remove = (who: string): void => {
    setBusy(true);
    setError(undefined);
    api
      .removeOperator(who)
      .then(reload, fail)
      .finally(() => setBusy(false));
  };

  return (
    <section className="admin-section" data-testid="admin-operators">
      <h3>{t('admin.operators')}</h3>
      <table className="admin-table">
        <thead>
          <tr>
            <th>{t('admin.name')}</th>
            <th>{t('admin.role')}</th>
            <th>{t('admin.enrolled')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((o) => (
            <tr key={o.name} data-testid="admin-operator" data-name={o.name} data-role={o.role}>
              <td>{o.name}</td>
              <td>{t(roleKey(o.role))}</td>
              <td>
                {dateTime.format(o.enrolledMs)}
                {o.lockedUntilMs !== undefined && (
                  <span className="admin-locked" data-testid="admin-locked">
                    {' '}
                    {t('admin.lockedUntil', { time: dateTime.format(o.lockedUntilMs) })}
                  </span>
                )}
              </td>
              <td>
                <ConfirmAction
                  testId="admin-remove"
                  label={t('admin.remove')}
                  question={t('admin.removeQuestion', { name: o.name })}
                  confirmLabel={t('admin.remove')}
                  busy={busy}
                  onConfirm={() => remove(o.name)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="admin-form" onSubmit={enrol}>
        <input
          data-testid="admin-enrol-name"
          placeholder={t('admin.name')}
          value={name}
          maxLength={40}
          onChange={(e) => setName(e.target.value)}
        />
        <ChoiceSelect
          testId="admin-enrol-role"
          options={OPERATOR_ROLES}
          value={role}
          label={(r) => t(roleKey(r))}
          onChange={setRole}
        />
        <input
          data-testid="admin-enrol-password"
          type="password"
          autoComplete="new-password"
          placeholder={t('admin.password', { min: PASSWORD_MIN })}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button
          type="submit"
          className="primary-button"
          data-testid="admin-enrol"
          disabled={busy || name.trim() === '' || password.length < PASSWORD_MIN}
        >
          {t('admin.enrol')}
        </button>
      </form>
      <p className="about-note">{t('admin.enrolNote')}</p>
      {error && (
        <p className="form-error" role="alert" data-testid="admin-error">
          {error}
        </p>
      )}
    </section>
  );
}
