import { useCallback, useEffect, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { ConsoleApi } from '../../../shared/contract/ConsoleApi';
import type { IssuedWallToken, WallTokenEntry } from '../../../shared/domain/operators';
import { SCREEN_ROLES, type ScreenRole } from '../../../shared/domain/wall';
import { ChoiceSelect } from '../components/ChoiceSelect';
import { ConfirmAction } from '../components/ConfirmAction';
import { failureText } from '../components/failureText';
import { useDateTimeFormat } from '../i18n/formats';
import { useT } from '../i18n/I18nProvider';
import { isServed, roleUrl } from '../wall/role';
import { screenRoleKey } from '../wall/wallText';
import { TOKEN_PARAM } from '../transport/pickApi';

/** The address a wall PC opens with its token: shown once, when the token is issued. */
export function wallTokenUrl(origin: string, issued: IssuedWallToken): string {
  const url = new URL(roleUrl(origin, issued.screen));
  url.searchParams.set(TOKEN_PARAM, issued.token);
  return url.toString();
}

/** Wall screens' read-only tokens: issue one per screen, revoke one (its screens go dark at once). */
export function WallTokensSection({ api }: { readonly api: ConsoleApi }): ReactNode {
  const t = useT();
  const dateTime = useDateTimeFormat();
  const [rows, setRows] = useState<readonly WallTokenEntry[]>([]);
  const [screen, setScreen] = useState<ScreenRole>('units');
  const [label, setLabel] = useState('');
  const [issued, setIssued] = useState<IssuedWallToken | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const fail = useCallback((err: unknown) => setError(failureText(t, String(err))), [t]);
  const reload = useCallback(() => {
    api.listWallTokens().then(setRows, fail);
  }, [api, fail]);
  useEffect(reload, [reload]);

  const issue = (e: FormEvent): void => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    api
      .issueWallToken(screen, label.trim())
      .then((tok) => {
        setIssued(tok);
        setLabel('');
        reload();
      }, fail)
      .finally(() => setBusy(false));
  };
  const revoke = (id: string): void => {
    setBusy(true);
    api
      .revokeWallToken(id)
      .then(reload, fail)
      .finally(() => setBusy(false));
  };
  const origin = window.location.origin;

  return (
    <section className="admin-section" data-testid="admin-walls">
      <h3>{t('admin.walls')}</h3>
      <table className="admin-table">
        <thead>
          <tr>
            <th>{t('admin.wallLabel')}</th>
            <th>{t('admin.wallScreen')}</th>
            <th>{t('admin.issued')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((w) => (
            <tr
              key={w.id}
              data-testid="admin-wall"
              data-id={w.id}
              data-revoked={w.revokedMs !== undefined}
            >
              <td>{w.label}</td>
              <td>{t(screenRoleKey(w.screen))}</td>
              <td>{dateTime.format(w.issuedMs)}</td>
              <td>
                {w.revokedMs === undefined ? (
                  <ConfirmAction
                    testId="admin-revoke"
                    label={t('admin.revoke')}
                    question={t('admin.revokeQuestion', { label: w.label })}
                    confirmLabel={t('admin.revoke')}
                    busy={busy}
                    onConfirm={() => revoke(w.id)}
                  />
                ) : (
                  t('admin.revokedAt', { time: dateTime.format(w.revokedMs) })
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="admin-form" onSubmit={issue}>
        <ChoiceSelect
          testId="admin-wall-screen"
          options={SCREEN_ROLES}
          value={screen}
          label={(r) => t(screenRoleKey(r))}
          onChange={setScreen}
        />
        <input
          data-testid="admin-wall-label"
          placeholder={t('admin.wallLabel')}
          value={label}
          maxLength={80}
          onChange={(e) => setLabel(e.target.value)}
        />
        <button
          type="submit"
          className="primary-button"
          data-testid="admin-wall-issue"
          disabled={busy}
        >
          {t('admin.issue')}
        </button>
      </form>
      {issued && (
        <div className="admin-issued" role="status" data-testid="admin-wall-issued">
          <p>{t('admin.issuedOnce', { label: issued.label })}</p>
          <input
            readOnly
            data-testid="admin-wall-url"
            value={isServed(origin) ? wallTokenUrl(origin, issued) : issued.token}
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
      )}
      {error && (
        <p className="form-error" role="alert" data-testid="admin-wall-error">
          {error}
        </p>
      )}
    </section>
  );
}
