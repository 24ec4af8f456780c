import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { ConsoleApi } from '../../../shared/contract/ConsoleApi';
import type { Caller } from '../../../shared/domain/operators';
import { useT } from '../i18n/I18nProvider';
import type { LinkStore } from '../transport/linkStore';
import { CallerProvider } from './CallerContext';
import { LoginScreen } from './LoginScreen';

interface Props {
  readonly api: ConsoleApi;
  readonly link: LinkStore;
  readonly children: (caller: Exclude<Caller, { kind: 'anonymous' }>) => ReactNode;
}

/**
 * Nothing of the console shows before someone logs in: an anonymous screen gets the login, a
 * wall token its one screen, an operator the console. The caller is asked again after every
 * reconnect (a restarted console has forgotten the login) and follows the core's 'caller' events
 * (log-out, an operator removed, a wall token revoked).
 */
export function AccessGate({ api, link, children }: Props): ReactNode {
  const t = useT();
  const [caller, setCaller] = useState<Caller | undefined>();
  const snap = useSyncExternalStore(link.subscribe, link.getSnapshot);
  useEffect(() => api.on('caller', setCaller), [api]);
  useEffect(() => {
    let live = true;
    api.whoAmI().then(
      (c) => live && setCaller(c),
      () => undefined, // the link is down: the next reconnect asks again
    );
    return () => {
      live = false;
    };
  }, [api, snap.reconnects]);
  const logout = useCallback(() => {
    void api.logout().then(() => setCaller({ kind: 'anonymous' }));
  }, [api]);

  if (caller === undefined) {
    return (
      <main className="notice-screen" data-testid="access-waiting">
        <div className="notice-card" role="status">
          <p>
            {snap.state === 'refused'
              ? t('stale.token-refused')
              : t(snap.failures > 0 ? 'app.unreachable' : 'app.loading')}
          </p>
        </div>
      </main>
    );
  }
  if (caller.kind === 'anonymous') return <LoginScreen api={api} onLogin={setCaller} />;
  return (
    <CallerProvider caller={caller} logout={logout}>
      {children(caller)}
    </CallerProvider>
  );
}
