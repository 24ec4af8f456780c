import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { ConsoleApi } from '../../../shared/contract/ConsoleApi';
import type { Caller } from '../../../shared/domain/operators';
import { refusalOf } from '../../../shared/domain/refusal';
import { failureText } from '../components/failureText';
import { LangToggle } from '../components/LangToggle';
import { useClockFormat } from '../i18n/formats';
import { useT } from '../i18n/I18nProvider';

interface Props {
  readonly api: ConsoleApi;
  readonly onLogin: (caller: Caller) => void;
}

const LOCKED_UNTIL = /ms=(\d+)/;

/** 登录: a shift starts here. A locked name says until when; a wrong password never says which. */
export function LoginScreen({ api, onLogin }: Props): ReactNode {
  const t = useT();
  const time = useClockFormat();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (busy || name.trim() === '' || password === '') return;
    setBusy(true);
    setError(undefined);
    api.login(name.trim(), password).then(
      (r) => onLogin(r.caller),
      (err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        const until = LOCKED_UNTIL.exec(message)?.[1];
        setError(
          refusalOf(message) === 'login-locked' && until !== undefined
            ? t('login.lockedUntil', { time: time.format(Number(until)) })
            : failureText(t, message),
        );
        setPassword('');
        setBusy(false);
      },
    );
  };

  return (
    <main className="notice-screen" data-testid="login-screen">
      <form className="notice-card login-card" onSubmit={submit}>
        <div className="notice-head">
          <h1>{t('login.title')}</h1>
          <LangToggle />
        </div>
        <label>
          {t('login.name')}
          <input
            data-testid="login-name"
            autoComplete="username"
            value={name}
            maxLength={40}
            onChange={(e) => setName(e.target.value)}
            autoFocus
          />
        </label>
        <label>
          {t('login.password')}
          <input
            data-testid="login-password"
            type="password"
            autoComplete="current-password"
            value={password}
            maxLength={128}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p className="form-error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button
          type="submit"
          className="primary-button"
          data-testid="login-submit"
          disabled={busy || name.trim() === '' || password === ''}
        >
          {busy ? t('login.busy') : t('login.submit')}
        </button>
        <p className="notice-hint">{t('login.hint')}</p>
      </form>
    </main>
  );
}
