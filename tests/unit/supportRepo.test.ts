import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../electron/core/store/openStore';
import { SupportRepo } from '../../electron/core/store/SupportRepo';
import type { Incident } from '../../shared/domain/incidents';
import type { SupportEvent, SupportRequest, SupportSuggestion } from '../../shared/domain/support';
import { supportRepoOf } from '../support/repos';

let dir: string;
let file: string;
const open: Database.Database[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'muster-support-'));
  file = join(dir, 'muster.db');
});

afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

function openRepo(): { db: Database.Database; repo: SupportRepo } {
  const db = openStore({ file });
  open.push(db);
  return { db, repo: supportRepoOf(db) };
}

const incident = (id: string, extra: Partial<Incident> = {}): Incident => ({
  id,
  type: 'public-disorder',
  grade: 'III',
  lonLat: [118.41, 29.12],
  jurisdictionId: 'st-1',
  description: 'crowd at the market',
  reporter: '110 desk',
  commander: 'A',
  state: 'open',
  createdMs: 1_000,
  updatedMs: 1_000,
  drill: false,
  ...extra,
});

const request = (id: string, extra: Partial<SupportRequest> = {}): SupportRequest => ({
  id,
  incidentId: 'inc-1',
  state: 'requested',
  orders: [],
  requestedBy: 'A',
  createdMs: 2_000,
  updatedMs: 2_000,
  ...extra,
});

const fullRequest = request('sup-full', {
  state: 'dispatched',
  recommendation: {
    needs: [{ module: 'public-order', count: 2 }],
    packages: [],
    solver: 'greedy',
    fallbackReason: 'solver timed out',
    computedMs: 2_100,
    elapsedMs: 35,
    excluded: { reserve: 2, duty: 1 },
  },
  approved: {
    units: [],
    compliance: {
      grade: 'III',
      targetOnSceneS: 2_700,
      lastArrivalS: 900,
      unitsLate: 0,
      meetsTarget: true,
    },
    coverage: [{ stationId: 'st-2', unitsLent: 1, availableBefore: 4, availableAfter: 3 }],
    score: 912.5,
    shortfalls: [],
  },
  orders: [
    { unitId: 'u-1', callsign: 'A1', state: 'sent', attempts: 2, sentMs: 3_000, etaS: 420 },
    {
      unitId: 'u-2',
      callsign: 'B7',
      state: 'acknowledged',
      attempts: 1,
      sentMs: 3_000,
      ackMs: 3_400,
      etaS: 610,
    },
  ],
  approvedMs: 2_500,
  startDueMs: 2_500 + 20 * 60_000,
  onSceneDueMs: 2_500 + 45 * 60_000,
});

const event = (requestId: string, tsMs: number, extra: Partial<SupportEvent> = {}) => ({
  requestId,
  tsMs,
  operator: 'A',
  kind: 'transition' as const,
  ...extra,
});

describe('SupportRepo: incidents', () => {
  it('round-trips an incident, updates it and refuses duplicates / unknown ids', () => {
    const { repo } = openRepo();
    const i = incident('inc-1', { drill: true });
    repo.insertIncident(i);
    expect(repo.getIncident('inc-1')).toEqual(i);
    expect(() => repo.insertIncident(i)).toThrow('incident inc-1 already exists');
    const regraded = { ...i, grade: 'I' as const, updatedMs: 5_000 };
    const change = { kind: 'incident-regraded', operator: 'A' } as const;
    repo.updateIncident(regraded, change);
    expect(repo.getIncident('inc-1')).toEqual(regraded);
    expect(() => repo.updateIncident(incident('inc-9'), change)).toThrow('unknown incident inc-9');
    expect(repo.getIncident('inc-9')).toBeUndefined();
  });

  it('lists open incidents and those closed since the cutoff, newest first, limited', () => {
    const { repo } = openRepo();
    repo.insertIncident(incident('old-open', { createdMs: 100 }));
    repo.insertIncident(
      incident('closed-long-ago', { createdMs: 200, state: 'closed', updatedMs: 300 }),
    );
    repo.insertIncident(
      incident('closed-recently', { createdMs: 400, state: 'closed', updatedMs: 9_000 }),
    );
    repo.insertIncident(incident('new-open', { createdMs: 500 }));
    expect(repo.listIncidents(5_000, 10).map((i) => i.id)).toEqual([
      'new-open',
      'closed-recently',
      'old-open',
    ]);
    expect(repo.listIncidents(5_000, 2).map((i) => i.id)).toEqual(['new-open', 'closed-recently']);
    expect(repo.listIncidents(0, 10)).toHaveLength(4);
  });
});

describe('SupportRepo: requests', () => {
  it('round-trips a request with recommendation, approved package and orders', () => {
    const { repo } = openRepo();
    repo.saveRequest(fullRequest);
    expect(repo.getRequest('sup-full')).toEqual(fullRequest);
    repo.saveRequest(request('sup-min'));
    const min = repo.getRequest('sup-min');
    expect(min).toEqual(request('sup-min'));
    expect(min?.recommendation).toBeUndefined();
    expect(min?.approvedMs).toBeUndefined();
  });

  it('saveRequest is an upsert that keeps created_ms', () => {
    const { repo } = openRepo();
    repo.saveRequest(request('sup-1'));
    const moved = { ...fullRequest, id: 'sup-1', createdMs: 99_999, updatedMs: 7_000 };
    repo.saveRequest(moved);
    expect(repo.getRequest('sup-1')).toEqual({ ...moved, createdMs: 2_000 });
  });

  it('lists live requests and those ended since the cutoff, newest first', () => {
    const { repo } = openRepo();
    repo.saveRequest(request('live-old', { createdMs: 10 }));
    repo.saveRequest(request('released-old', { createdMs: 20, state: 'released', updatedMs: 30 }));
    repo.saveRequest(
      request('cancelled-new', { createdMs: 40, state: 'cancelled', updatedMs: 8_000 }),
    );
    repo.saveRequest(request('live-new', { createdMs: 50, state: 'en-route' }));
    expect(repo.listRequests(5_000, 10).map((r) => r.id)).toEqual([
      'live-new',
      'cancelled-new',
      'live-old',
    ]);
    expect(repo.listRequests(5_000, 1).map((r) => r.id)).toEqual(['live-new']);
    expect(repo.listLiveRequests().map((r) => r.id)).toEqual(['live-old', 'live-new']);
  });
});

describe('SupportRepo: audit log', () => {
  it('assigns seq across requests and returns each timeline oldest first', () => {
    const { repo } = openRepo();
    const e1 = repo.appendEvent(event('sup-1', 10, { from: 'requested', to: 'recommended' }));
    const e2 = repo.appendEvent(event('sup-2', 11, { kind: 'order-sent', unitId: 'u-1' }));
    const e3 = repo.appendEvent(
      event('sup-1', 12, { from: 'recommended', to: 'rejected', reason: 'no' }),
    );
    expect([e1.seq, e2.seq, e3.seq]).toEqual([1, 2, 3]);
    expect(repo.timeline('sup-1')).toEqual([e1, e3]);
    expect(repo.timeline('sup-2')).toEqual([e2]);
    expect(repo.timeline('sup-3')).toEqual([]);
    expect(e3).toEqual({
      ...event('sup-1', 12, { from: 'recommended', to: 'rejected', reason: 'no' }),
      seq: 3,
    });
  });

  it('stores a request and its steps together, or neither', () => {
    const { repo } = openRepo();
    const r = request('sup-1', { state: 'recommended' });
    const stored = repo.saveRequestAndEvents(r, [
      event('sup-1', 10, { from: 'requested', to: 'recommended' }),
      event('sup-1', 10, { kind: 'what-if', reason: 'edited' }),
    ]);
    // The request's own change is event 1 of the log; its steps follow.
    expect(stored.map((e) => e.seq)).toEqual([2, 3]);
    expect(repo.getRequest('sup-1')?.state).toBe('recommended');
    expect(repo.timeline('sup-1')).toEqual(stored);

    // The second step cannot be stored (no operator): the request change is not kept either.
    const bad = {
      ...event('sup-1', 11, { kind: 'order-sent' }),
      operator: null,
    } as unknown as ReturnType<typeof event>;
    expect(() =>
      repo.saveRequestAndEvents({ ...r, state: 'approved', updatedMs: 11 }, [
        event('sup-1', 11, { from: 'recommended', to: 'approved' }),
        bad,
      ]),
    ).toThrow();
    expect(repo.getRequest('sup-1')?.state).toBe('recommended');
    expect(repo.timeline('sup-1')).toEqual(stored);
    expect(repo.verifyAudit()).toMatchObject({ ok: true, events: 3 });
  });

  it('verifies an intact chain, also after reopening', () => {
    const first = openRepo();
    expect(first.repo.verifyAudit()).toMatchObject({ ok: true, events: 0 });
    for (let t = 0; t < 5; t++)
      first.repo.appendEvent(event(`sup-${t % 2}`, t, { reason: `r${t}` }));
    expect(first.repo.verifyAudit()).toMatchObject({ ok: true, events: 5 });
    first.db.close();
    const again = openRepo();
    again.repo.appendEvent(event('sup-0', 99));
    expect(again.repo.verifyAudit()).toMatchObject({ ok: true, events: 6 });
    expect(again.repo.timeline('sup-0').map((e) => e.seq)).toEqual([1, 3, 5, 6]);
  });

  it('keeps the note of a step with it and covers the note in the hash chain', () => {
    const { repo } = openRepo();
    const noted = {
      ...event('sup-1', 1, { reason: '12 m from the scene (geofence 200 m)' }),
      note: { code: 'in-geofence', params: { distanceM: 12, geofenceM: 200 } },
    } as const;
    repo.appendEvent(event('sup-1', 0));
    const [stored] = repo.saveRequestAndEvents(request('sup-1'), [noted]);
    expect(repo.timeline('sup-1')[1]).toEqual(stored);
    expect(stored?.note).toEqual(noted.note);
    expect(repo.timeline('sup-1')[0]).not.toHaveProperty('note');
    expect(repo.verifyAudit()).toMatchObject({ ok: true, events: 3 });
    // Rewording the note behind the triggers breaks the chain at that step.
    const raw = new Database(file);
    open.push(raw);
    raw.exec('DROP TRIGGER event_log_no_update');
    raw.prepare(`UPDATE event_log SET note = json_set(note, '$.params.distanceM', 9999)`).run();
    raw.close();
    expect(repo.verifyAudit()).toMatchObject({ ok: false, badSeq: 3 });
  });

  it('the event table refuses UPDATE and DELETE', () => {
    const { db, repo } = openRepo();
    repo.appendEvent(event('sup-1', 1, { reason: 'approved by A' }));
    expect(() => db.prepare("UPDATE event_log SET reason = 'x' WHERE seq = 1").run()).toThrow(
      'event_log is append-only',
    );
    expect(() => db.prepare('DELETE FROM event_log').run()).toThrow('event_log is append-only');
    expect(repo.timeline('sup-1')[0]?.reason).toBe('approved by A');
  });

  it('detects a row edited behind the triggers, at that seq', () => {
    const { repo } = openRepo();
    for (let t = 1; t <= 4; t++) repo.appendEvent(event('sup-1', t, { reason: `step ${t}` }));
    // A second connection drops the guard and edits the third event, as a tamperer would.
    const raw = new Database(file);
    open.push(raw);
    raw.exec('DROP TRIGGER event_log_no_update');
    raw.prepare("UPDATE event_log SET reason = 'nothing to see' WHERE seq = 3").run();
    raw.close();
    expect(repo.verifyAudit()).toEqual({
      ok: false,
      badSeq: 3,
      fault: 'content',
      reason: 'hash does not match the event content',
    });
  });

  it('detects a deleted row behind the triggers', () => {
    const { repo } = openRepo();
    for (let t = 1; t <= 4; t++) repo.appendEvent(event('sup-1', t));
    const raw = new Database(file);
    open.push(raw);
    raw.exec('DROP TRIGGER event_log_no_delete');
    raw.prepare('DELETE FROM event_log WHERE seq = 2').run();
    raw.close();
    expect(repo.verifyAudit()).toMatchObject({ ok: false, badSeq: 3 });
  });
});

describe('SupportRepo: points, suggestions, ids', () => {
  it('sums burden per jurisdiction over a window and awards a unit once per request', () => {
    const { repo } = openRepo();
    const add = (j: string, r: string, u: string, points: number, tsMs: number) =>
      repo.addPoints({ jurisdictionId: j, requestId: r, unitId: u, points, tsMs });
    expect(add('st-1', 'sup-1', 'u-1', 12, 1_000)).toBe(true);
    add('st-1', 'sup-2', 'u-1', 6.5, 5_000);
    add('st-2', 'sup-2', 'u-2', 4, 6_000);
    add('st-3', 'sup-3', 'u-3', 100, 500);
    expect(add('st-1', 'sup-2', 'u-1', 50, 7_000)).toBe(false); // released twice
    expect(repo.burden(1_000)).toEqual({ 'st-1': 18.5, 'st-2': 4 });
    expect(repo.burden(5_500)).toEqual({ 'st-2': 4 });
    expect(repo.burden(0)).toEqual({ 'st-1': 18.5, 'st-2': 4, 'st-3': 100 });
    expect(repo.burden(10_000)).toEqual({});
  });

  it('keeps suggestions until dismissed, newest first; dismissal survives a re-save', () => {
    const { repo } = openRepo();
    const grade: SupportSuggestion = {
      id: 'sug-1',
      tsMs: 1_000,
      cause: 'grade',
      incidentId: 'inc-1',
      detail: 'incident inc-1 is grade II',
    };
    const force: SupportSuggestion = {
      id: 'sug-2',
      tsMs: 2_000,
      cause: 'force-shortage',
      jurisdictionId: 'st-4',
      available: 3,
      needed: 6,
      detail: 'available 3 of needed 6 (50 % short)',
    };
    repo.saveSuggestion(grade);
    repo.saveSuggestion(force);
    expect(repo.listSuggestions()).toEqual([force, grade]);
    expect(repo.dismissSuggestion('sug-2', 3_000)).toBe(true);
    expect(repo.dismissSuggestion('sug-2', 3_001)).toBe(false);
    expect(repo.dismissSuggestion('nope', 3_002)).toBe(false);
    expect(repo.listSuggestions()).toEqual([grade]);
    repo.saveSuggestion({ ...force, detail: 'updated' });
    expect(repo.listSuggestions()).toEqual([grade]);
  });

  it('hands out unique ids per prefix, also after reopening', () => {
    const first = openRepo();
    const day = Date.UTC(2026, 10, 24, 4);
    const a = first.repo.nextId('inc', day);
    const b = first.repo.nextId('inc', day);
    const s = first.repo.nextId('sup', day);
    expect(a).toMatch(/^inc-\d{8}-0001\.lv-testtesttt$/);
    expect(b).toMatch(/^inc-\d{8}-0002\.lv-testtesttt$/);
    expect(s).toMatch(/^sup-\d{8}-0001\.lv-testtesttt$/);
    first.db.close();
    const again = openRepo();
    expect(again.repo.nextId('inc', day)).toMatch(/^inc-\d{8}-0003\./);
    expect(again.repo.nextId('sug', day)).toMatch(/^sug-\d{8}-0001\./);
  });

  it('persists everything across reopening the file', () => {
    const first = openRepo();
    first.repo.insertIncident(incident('inc-1'));
    first.repo.saveRequest(fullRequest);
    first.repo.addPoints({
      jurisdictionId: 'st-2',
      requestId: 'sup-full',
      unitId: 'u-2',
      points: 3,
      tsMs: 1,
    });
    first.db.close();
    const { repo } = openRepo();
    expect(repo.getIncident('inc-1')).toEqual(incident('inc-1'));
    expect(repo.getRequest('sup-full')).toEqual(fullRequest);
    expect(repo.burden(0)).toEqual({ 'st-2': 3 });
  });
});
