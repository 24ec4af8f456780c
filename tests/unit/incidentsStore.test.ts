import { describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/domain/incidents';
import {
  applyIncident,
  createIncidentsStore,
  EMPTY_INCIDENTS,
  gradeRank,
  incidentById,
  isMajorGrade,
  openIncidents,
  resetIncidents,
} from '../../renderer/src/state/incidentsStore';

const T0 = 1_767_225_600_000;
const incident = (id: string, createdS: number, extra: Partial<Incident> = {}): Incident => ({
  id,
  type: 'public-disorder',
  grade: 'III',
  lonLat: [118.41, 29.14],
  jurisdictionId: 'ps-chengguan',
  description: '',
  reporter: '',
  commander: 'op',
  state: 'open',
  createdMs: T0 + createdS * 1000,
  updatedMs: T0 + createdS * 1000,
  drill: false,
  ...extra,
});

describe('incidents state', () => {
  it('lists newest created first', () => {
    const s = resetIncidents(EMPTY_INCIDENTS, [
      incident('a', 1),
      incident('c', 3),
      incident('b', 2),
    ]);
    expect(s.list.map((i) => i.id)).toEqual(['c', 'b', 'a']);
    expect(s.version).toBe(1);
  });

  it('a pushed incident replaces an older record of its id and is ignored when not newer', () => {
    let s = resetIncidents(EMPTY_INCIDENTS, [incident('a', 1)]);
    const regraded = incident('a', 1, { grade: 'I', updatedMs: T0 + 5_000 });
    s = applyIncident(s, regraded);
    expect(incidentById(s, 'a')?.grade).toBe('I');
    const stale = incident('a', 1, { grade: 'IV', updatedMs: T0 + 4_000 });
    expect(applyIncident(s, stale)).toBe(s);
    expect(applyIncident(s, regraded)).toBe(s);
  });

  it('a list answer does not undo a newer pushed change, and keeps an open incident it lacks', () => {
    let s = applyIncident(
      EMPTY_INCIDENTS,
      incident('a', 1, { grade: 'II', updatedMs: T0 + 9_000 }),
    );
    s = applyIncident(s, incident('new', 8));
    s = applyIncident(s, incident('gone', 0, { state: 'closed' }));
    s = resetIncidents(s, [incident('a', 1), incident('b', 2)]);
    expect(incidentById(s, 'a')?.grade).toBe('II');
    expect(s.list.map((i) => i.id)).toEqual(['new', 'b', 'a']);
  });

  it('selects open incidents and ranks grades, I and II being major', () => {
    const s = resetIncidents(EMPTY_INCIDENTS, [
      incident('a', 1),
      incident('b', 2, { state: 'closed' }),
    ]);
    expect(openIncidents(s).map((i) => i.id)).toEqual(['a']);
    expect(incidentById(s, undefined)).toBeUndefined();
    expect(['I', 'II', 'III', 'IV'].map((g) => gradeRank(g as Incident['grade']))).toEqual([
      0, 1, 2, 3,
    ]);
    expect(isMajorGrade('I')).toBe(true);
    expect(isMajorGrade('II')).toBe(true);
    expect(isMajorGrade('III')).toBe(false);
  });

  it('the store tells its listeners only about changes, and a disposer stops them', () => {
    const store = createIncidentsStore();
    let heard = 0;
    const off = store.subscribe(() => heard++);
    store.apply(incident('a', 1));
    store.apply(incident('a', 1));
    expect(heard).toBe(1);
    off();
    store.reset([]);
    expect(heard).toBe(1);
    expect(store.getSnapshot().list.map((i) => i.id)).toEqual(['a']);
  });
});

describe('changes within one millisecond', () => {
  it('a different record with the same updatedMs replaces; an identical one changes nothing', () => {
    const s = resetIncidents(EMPTY_INCIDENTS, [incident('a', 1)]);
    const same = applyIncident(s, incident('a', 1));
    expect(same).toBe(s);
    const regraded = applyIncident(s, incident('a', 1, { grade: 'I' }));
    expect(incidentById(regraded, 'a')?.grade).toBe('I');
  });
});
