import { useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { ConsoleApi } from '../../../shared/contract/ConsoleApi';
import {
  INCIDENT_INJECTS,
  INJECT_KINDS,
  UNIT_INJECTS,
  type InjectKind,
} from '../../../shared/domain/drill';
import {
  GRADES,
  INCIDENT_TYPES,
  type Grade,
  type IncidentType,
} from '../../../shared/domain/incidents';
import type { RegionSnapshot } from '../../../shared/domain/region';
import type { RosterUnit } from '../../../shared/domain/units';
import { ChoiceSelect } from '../components/ChoiceSelect';
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
  const [type, setType] = useState<IncidentType>(INCIDENT_TYPES[0]);
  const [grade, setGrade] = useState<Grade>('III');
  const [description, setDescription] = useState('');
  const action = usePendingAction();
  const needsUnit = UNIT_INJECTS.has(kind);
  const needsIncident = INCIDENT_INJECTS.has(kind);
  const places = useMemo(() => placeNames(region, kind !== 'neighbour-request'), [region, kind]);
  const unitIds = useMemo(() => roster.map((u) => u.id), [roster]);
  const callsigns = useMemo(() => new Map(roster.map((u) => [u.id, u.callsign])), [roster]);
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
          <ChoiceSelect
            testId="adhoc-kind"
            options={INJECT_KINDS}
            value={kind}
            label={(k) => t(injectKindKey(k))}
            onChange={setKind}
          />
        </label>
        {needsUnit ? (
          <label>
            {t('drill.adHocUnit')}
            <ChoiceSelect
              testId="adhoc-unit"
              options={unitIds}
              value={unitId}
              label={(id) => callsigns.get(id) ?? id}
              onChange={setUnit}
            />
          </label>
        ) : (
          <label>
            {t('drill.adHocPlace')}
            <ChoiceSelect
              testId="adhoc-place"
              options={places}
              value={placeName}
              label={(p) => p}
              onChange={setPlace}
            />
          </label>
        )}
        {needsIncident && (
          <>
            <label>
              {t('drill.adHocType')}
              <ChoiceSelect
                options={INCIDENT_TYPES}
                value={type}
                label={(x) => t(incidentTypeKey(x))}
                onChange={setType}
              />
            </label>
            <label>
              {t('drill.adHocGrade')}
              <ChoiceSelect
                options={GRADES}
                value={grade}
                label={(g) => t(gradeKey(g))}
                onChange={setGrade}
              />
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
