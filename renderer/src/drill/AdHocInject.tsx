import { useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { ConsoleApi } from '../../../shared/contract/ConsoleApi';
import {
  INCIDENT_INJECTS,
  INJECT_KINDS,
  UNIT_INJECTS,
  type InjectKind,
} from '../../../shared/domain/drill';
import { GRADES, INCIDENT_TYPES } from '../../../shared/domain/incidents';
import type { RegionSnapshot } from '../../../shared/domain/region';
import type { RosterUnit } from '../../../shared/domain/units';
import { usePendingAction } from '../components/usePendingAction';
import { useT } from '../i18n/I18nProvider';
import { gradeKey, incidentTypeKey, injectKindKey } from '../i18n/messages';
import { DrillError } from './DrillError';

interface Props {
  readonly api: ConsoleApi;
  readonly roster: readonly RosterUnit[];
  readonly region: RegionSnapshot | undefined;
}

/** The places an inject may name: the county's own, or (for a neighbour's request) its neighbours'. */
function placeNames(region: RegionSnapshot | undefined, own: boolean): string[] {
  const names = (region?.layers.places.features ?? [])
    .filter((f) => (f.properties?.['county_role'] === 'target') === own)
    .map((f) => f.properties?.['name_zh'])
    .filter((n): n is string => typeof n === 'string' && n !== '');
  return [...new Set(names)].sort((a, b) => a.localeCompare(b, 'zh-CN'));
}

/** An inject placed by hand and fired at once: an SOS, a device fault, an incident at a place. */
export function AdHocInject({ api, roster, region }: Props): ReactNode {
  const t = useT();
  const [kind, setKind] = useState<InjectKind>('sos');
  const [unit, setUnit] = useState('');
  const [place, setPlace] = useState('');
  const [type, setType] = useState<string>(INCIDENT_TYPES[0]);
  const [grade, setGrade] = useState<string>('III');
  const [description, setDescription] = useState('');
  const action = usePendingAction();
  const needsUnit = UNIT_INJECTS.has(kind);
  const needsIncident = INCIDENT_INJECTS.has(kind);
  const places = useMemo(() => placeNames(region, kind !== 'neighbour-request'), [region, kind]);
  const unitId = unit || roster[0]?.id || '';
  const placeName = places.includes(place) ? place : (places[0] ?? '');
  const fire = (): void =>
    action.run(() =>
      api.drillAction({
        type: 'inject',
        draft: {
          kind,
          description: description.trim() || t(injectKindKey(kind)),
          ...(needsUnit ? { unit: unitId } : { place: placeName }),
          ...(needsIncident ? { type, grade } : {}),
          ...(kind === 'battery-drain' ? { battery_pct: '12' } : {}),
        },
      }),
    );
  return (
    <section className="drill-adhoc" data-testid="adhoc-inject">
      <h3>{t('drill.adHoc')}</h3>
      <div className="drill-new">
        <label>
          {t('drill.adHocKind')}
          <select
            data-testid="adhoc-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as InjectKind)}
          >
            {INJECT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(injectKindKey(k))}
              </option>
            ))}
          </select>
        </label>
        {needsUnit ? (
          <label>
            {t('drill.adHocUnit')}
            <select
              data-testid="adhoc-unit"
              value={unitId}
              onChange={(e) => setUnit(e.target.value)}
            >
              {roster.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.callsign}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label>
            {t('drill.adHocPlace')}
            <select
              data-testid="adhoc-place"
              value={placeName}
              onChange={(e) => setPlace(e.target.value)}
            >
              {places.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
        )}
        {needsIncident && (
          <>
            <label>
              {t('drill.adHocType')}
              <select value={type} onChange={(e) => setType(e.target.value)}>
                {INCIDENT_TYPES.map((x) => (
                  <option key={x} value={x}>
                    {t(incidentTypeKey(x))}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('drill.adHocGrade')}
              <select value={grade} onChange={(e) => setGrade(e.target.value)}>
                {GRADES.map((g) => (
                  <option key={g} value={g}>
                    {t(gradeKey(g))}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        <label>
          {t('drill.adHocDescription')}
          <input
            data-testid="adhoc-description"
            value={description}
            maxLength={200}
            onChange={(e) => setDescription(e.target.value)}
          />
        </label>
        <button type="button" data-testid="adhoc-fire" disabled={action.busy} onClick={fire}>
          {t('drill.adHocFire')}
        </button>
      </div>
      <DrillError message={action.error} />
    </section>
  );
}
