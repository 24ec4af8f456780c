import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { ConsoleApi } from '../../../shared/contract/ConsoleApi';
import { SCREEN_ROLES, type WallLayout, type WallScreen } from '../../../shared/domain/wall';
import { useClockFormat } from '../i18n/formats';
import { useT } from '../i18n/I18nProvider';
import {
  addScreen,
  draftProblem,
  MAX_WALL_SCREENS,
  removeScreen,
  toSave,
  updateScreen,
} from './layoutDraft';
import { isServed, roleUrl } from './role';
import { screenRoleKey, wallProblemKey } from './wallText';
import { failureText } from '../components/failureText';
import { errorText } from '../components/usePendingAction';

/** The strip button and the layout editor it opens. */
export function WallLayoutButton({ api }: { readonly api: ConsoleApi }): ReactNode {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="tool-button"
        data-testid="wall-layout-button"
        onClick={() => setOpen(true)}
      >
        {t('wall.layout.button')}
      </button>
      {open && <WallLayoutDialog api={api} onClose={() => setOpen(false)} />}
    </>
  );
}

function WallLayoutDialog({
  api,
  onClose,
}: {
  readonly api: ConsoleApi;
  readonly onClose: () => void;
}): ReactNode {
  const t = useT();
  const time = useClockFormat();
  const ref = useRef<HTMLDialogElement>(null);
  const [saved, setSaved] = useState<WallLayout>();
  const [rows, setRows] = useState<readonly WallScreen[]>();
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  useEffect(() => {
    let live = true;
    api.getWallLayout().then(
      (l) => live && setSaved((prev) => (prev && prev.updatedMs > l.updatedMs ? prev : l)),
      (e: unknown) => live && setError(errorText(e)),
    );
    // Another view saving replaces what is shown, unless this operator is mid-edit.
    const off = api.on('wallLayout', (l) => setSaved(l));
    return () => {
      live = false;
      off();
    };
  }, [api]);

  useEffect(() => {
    if (saved && !dirty) setRows(saved.screens);
  }, [saved, dirty]);

  const edit = (next: WallScreen[]): void => {
    setRows(next);
    setDirty(true);
  };
  const problem = rows ? draftProblem(rows) : undefined;
  const save = (): void => {
    if (!rows || problem) return;
    setBusy(true);
    api
      .saveWallLayout(toSave(rows))
      .then(
        (l) => {
          setSaved(l);
          setDirty(false);
          setError(undefined);
        },
        (e: unknown) => setError(errorText(e)),
      )
      .finally(() => setBusy(false));
  };
  const origin = window.location.origin;

  return (
    <dialog ref={ref} className="wall-dialog" data-testid="wall-layout-dialog" onClose={onClose}>
      <h2>{t('wall.layout.title')}</h2>
      <p className="muted small">{t('wall.layout.intro')}</p>
      {saved && (
        <p
          className="muted small"
          data-testid="wall-layout-saved"
          data-updated-ms={saved.updatedMs}
        >
          {saved.updatedMs > 0
            ? t('wall.layout.savedBy', { who: saved.updatedBy, time: time.format(saved.updatedMs) })
            : t('wall.layout.default')}
        </p>
      )}
      <table className="wall-layout-table">
        <thead>
          <tr>
            <th scope="col">{t('wall.layout.display')}</th>
            <th scope="col">{t('wall.layout.role')}</th>
            <th scope="col" aria-label={t('wall.layout.remove')} />
          </tr>
        </thead>
        <tbody>
          {(rows ?? []).map((r, i) => (
            <tr
              key={i}
              data-testid="wall-screen-row"
              data-display-id={r.displayId}
              data-role={r.role}
            >
              <td>
                <input
                  data-testid="wall-display-id"
                  value={r.displayId}
                  maxLength={64}
                  aria-label={t('wall.layout.display')}
                  onChange={(e) => edit(updateScreen(rows ?? [], i, { displayId: e.target.value }))}
                />
              </td>
              <td>
                <select
                  data-testid="wall-role-select"
                  value={r.role}
                  aria-label={t('wall.layout.role')}
                  onChange={(e) => {
                    const role = SCREEN_ROLES.find((x) => x === e.target.value);
                    if (role) edit(updateScreen(rows ?? [], i, { role }));
                  }}
                >
                  {SCREEN_ROLES.map((role) => (
                    <option key={role} value={role}>
                      {t(screenRoleKey(role))}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <button
                  type="button"
                  className="link-button"
                  data-testid="wall-remove-screen"
                  disabled={(rows ?? []).length <= 1}
                  onClick={() => edit(removeScreen(rows ?? [], i))}
                >
                  {t('wall.layout.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="wall-layout-actions">
        <button
          type="button"
          className="tool-button"
          data-testid="wall-add-screen"
          disabled={!rows || rows.length >= MAX_WALL_SCREENS}
          onClick={() => edit(addScreen(rows ?? []))}
        >
          {t('wall.layout.add')}
        </button>
        {problem && (
          <span className="panel-error" data-testid="wall-layout-problem" data-problem={problem}>
            {t(wallProblemKey(problem))}
          </span>
        )}
        {error && (
          <span className="panel-error" role="alert" data-testid="wall-layout-error">
            {t('wall.layout.failed', { message: failureText(t, error) })}
          </span>
        )}
      </div>
      <h3>{t('wall.layout.urls')}</h3>
      {isServed(origin) ? (
        <>
          <ul className="wall-urls">
            {SCREEN_ROLES.map((role) => (
              <li key={role} data-testid="wall-role-url" data-role={role}>
                <span className="wall-url-role">{t(screenRoleKey(role))}</span>
                <code>{roleUrl(origin, role)}</code>
              </li>
            ))}
          </ul>
          <p className="about-note" data-testid="wall-token-note">
            {t('wall.layout.tokenNote')}
          </p>
        </>
      ) : (
        <p className="muted small">{t('wall.layout.urlsServeOnly')}</p>
      )}
      <div className="wall-layout-foot">
        <button
          type="button"
          className="tool-button active"
          data-testid="wall-layout-save"
          disabled={!rows || problem !== undefined || busy}
          onClick={save}
        >
          {t('wall.layout.save')}
        </button>
        <button
          type="button"
          className="dialog-close"
          data-testid="wall-layout-close"
          onClick={() => ref.current?.close()}
        >
          {t('about.close')}
        </button>
      </div>
    </dialog>
  );
}
