// First import: configures zod before any schema is defined (see zodConfig.ts).
import './zodConfig';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { WebSocketCtor } from '../../shared/contract/wsClient';
import './styles/app.css';
import './styles/access.css';
import './styles/report.css';
import { App } from './App';
import { I18nProvider } from './i18n/I18nProvider';
import { createDebug } from './map/debug';
import { createUnitsStore } from './state/unitsStore';
import { localLinkStore, wsLinkStore } from './transport/linkStore';
import { pickApi } from './transport/pickApi';

function sessionStorageOrUndefined(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

const picked = pickApi({
  muster: (window as { muster?: unknown }).muster,
  href: location.href,
  origin: location.origin,
  storage: sessionStorageOrUndefined(),
  replaceUrl: (url) => history.replaceState(history.state, '', url),
  // The browser's handler signatures are narrower than WebSocketLike's `(ev: unknown)`; the client
  // only assigns handlers, so the browser socket fits at run time.
  WebSocket: WebSocket as unknown as WebSocketCtor,
});
const link = picked.kind === 'ws' ? wsLinkStore(picked.api) : localLinkStore();
const units = createUnitsStore((flush) => requestAnimationFrame(flush));

Object.defineProperty(window, '__musterDebug', {
  value: createDebug(units),
  writable: false,
  configurable: false,
  enumerable: false,
});

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element');
createRoot(rootElement).render(
  <StrictMode>
    <I18nProvider>
      <App picked={picked} units={units} link={link} />
    </I18nProvider>
  </StrictMode>,
);
