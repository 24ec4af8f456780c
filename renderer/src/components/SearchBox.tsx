import { useState } from 'react';
import type { ReactNode, RefObject } from 'react';
import { useT } from '../i18n/I18nProvider';
import { searchCallsigns } from '../state/mapFilters';

interface Props {
  readonly callsigns: readonly string[];
  readonly inputRef: RefObject<HTMLInputElement | null>;
  /** Called with the roster index of the chosen unit. */
  readonly onChoose: (index: number) => void;
}

/** Callsign search: results appear as one types; Enter or a click picks one and centres the map. */
export function SearchBox({ callsigns, inputRef, onChoose }: Props): ReactNode {
  const t = useT();
  const [query, setQuery] = useState('');
  const results = searchCallsigns(callsigns, query);
  const choose = (i: number): void => {
    onChoose(i);
    setQuery('');
    inputRef.current?.blur();
  };
  return (
    <div className="unit-search">
      <input
        ref={inputRef}
        type="search"
        data-testid="unit-search"
        placeholder={t('tools.search')}
        aria-label={t('tools.search')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && results[0] !== undefined) choose(results[0]);
          if (e.key === 'Escape') {
            setQuery('');
            e.currentTarget.blur();
          }
        }}
      />
      {query.trim() !== '' && (
        <ul className="unit-search-results" role="listbox">
          {results.length === 0 && <li className="muted">{t('tools.searchNone')}</li>}
          {results.map((i) => (
            <li key={i}>
              <button
                type="button"
                data-testid="unit-search-result"
                data-index={i}
                onClick={() => choose(i)}
              >
                {callsigns[i]}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
