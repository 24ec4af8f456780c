import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { ConsoleApi } from '../../../shared/contract/ConsoleApi';
import type { ScenarioError, ScenarioSummary } from '../../../shared/domain/drill';
import { ChoiceSelect } from '../components/ChoiceSelect';
import { errorText, usePendingAction } from '../components/usePendingAction';
import { useT } from '../i18n/I18nProvider';
import { scenarioErrorKey } from '../i18n/messages';
import { DrillError } from './DrillError';

/** Loads the exercise's scenario: one the region ships, or a CSV the facilitator imports. */
export function ScenarioPicker({ api }: { readonly api: ConsoleApi }): ReactNode {
  const t = useT();
  const [list, setList] = useState<readonly ScenarioSummary[]>([]);
  const [picked, setPicked] = useState('');
  const [errors, setErrors] = useState<readonly ScenarioError[]>([]);
  const action = usePendingAction();
  const { setError } = action;
  useEffect(() => {
    api.listScenarios().then(
      (l) => {
        setList(l);
        setPicked((p) => p || (l[0]?.id ?? ''));
      },
      (e: unknown) => setError(errorText(e)),
    );
  }, [api, setError]);
  const load = (source: Parameters<ConsoleApi['loadScenario']>[0]): void =>
    action.run(async () => {
      const r = await api.loadScenario(source);
      setErrors(r.ok ? [] : r.errors);
    });
  return (
    <div className="drill-scenario-pick" data-testid="scenario-picker">
      <p className="drill-empty">{t('drill.scenarioNone')}</p>
      <div className="drill-new">
        <label>
          {t('drill.scenarioPick')}
          <ChoiceSelect
            testId="scenario-select"
            options={list.map((s) => s.id)}
            value={picked}
            label={(id) => list.find((s) => s.id === id)?.name ?? id}
            onChange={setPicked}
          />
        </label>
        <button
          type="button"
          data-testid="scenario-load"
          disabled={action.busy || picked === ''}
          onClick={() => load({ scenarioId: picked })}
        >
          {t('drill.scenarioLoad')}
        </button>
        <label className="drill-file">
          {t('drill.scenarioImport')}
          <input
            type="file"
            accept=".csv,text/csv"
            data-testid="scenario-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              action.run(async () => {
                const csv = await file.text();
                const r = await api.loadScenario({ csv, name: file.name.replace(/\.csv$/i, '') });
                setErrors(r.ok ? [] : r.errors);
              });
              e.target.value = '';
            }}
          />
        </label>
      </div>
      {list.length > 0 && (
        <p className="drill-scenario-desc">{list.find((s) => s.id === picked)?.description}</p>
      )}
      {errors.length > 0 && (
        <div className="drill-error" role="alert" data-testid="scenario-errors">
          <p>{t('drill.scenarioRefused', { count: errors.length })}</p>
          <ul>
            {errors.map((e, i) => (
              <li key={i} data-testid="scenario-error" data-line={e.line} data-field={e.field}>
                {t('drill.scenarioErrorLine', {
                  line: e.line,
                  field: e.field,
                  problem: `${t(scenarioErrorKey(e.code))}${e.value === undefined ? '' : `「${e.value}」`}`,
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
      <DrillError message={action.error} />
    </div>
  );
}
