// 结案: an incident is closed with a reason, never while units are committed to it; a request still
// awaiting approval goes with it, and nothing more can be asked for a closed incident.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { supportApi } from '../../electron/core/desk/supportApi';
import { deskHarness, type DeskHarness } from '../support/deskHarness';

let h: DeskHarness;
beforeEach(() => {
  h = deskHarness();
  h.tick(200);
});
afterEach(() => h.close());

const incidentAt = (stationId: string, grade: 'II' | 'IV' = 'IV') => h.incidentAt(stationId, grade);

describe('closing an incident', () => {
  it('records who closed it and why, and refuses any further request', () => {
    const inc = incidentAt('ps-huabu');
    const closed = h.desk.closeIncident(inc.id, '  handled by the local station  ');
    expect(closed).toMatchObject({
      state: 'closed',
      closedBy: 'duty-commander',
      closeReason: 'handled by the local station',
      updatedMs: h.clock.ms,
    });
    expect(h.desk.listIncidents().find((i) => i.id === inc.id)).toEqual(closed);
    expect(() => h.desk.requestSupport(inc.id)).toThrow(/is closed/);
    expect(() => h.desk.closeIncident(inc.id, 'again')).toThrow(/is closed/);
    expect(() => h.desk.regradeIncident(inc.id, 'I')).toThrow(/is closed/);
  });

  it('is refused while units are committed, and allowed once they are released', () => {
    const inc = incidentAt('ps-huabu');
    const req = h.desk.requestSupport(inc.id);
    const unitIds = req.recommendation?.packages[0]?.units.map((u) => u.unitId) ?? [];
    h.desk.approveSupport(req.id, unitIds);
    expect(() => h.desk.closeIncident(inc.id, 'done')).toThrow(
      new RegExp(`support request ${req.id} dispatched: release or cancel it first`),
    );
    expect(h.desk.listIncidents().find((i) => i.id === inc.id)?.state).toBe('open');
    h.desk.releaseSupport(req.id);
    expect(h.desk.closeIncident(inc.id, 'done').state).toBe('closed');
  });

  it('cancels a request still awaiting approval and dismisses its suggestions', () => {
    const inc = incidentAt('ps-majin', 'II'); // grade II: a support suggestion is raised
    expect(h.desk.listSuggestions().some((s) => s.incidentId === inc.id)).toBe(true);
    const req = h.desk.requestSupport(inc.id);
    expect(req.state).toBe('recommended');
    h.desk.closeIncident(inc.id, 'false alarm');
    const after = h.desk.listSupport().find((r) => r.id === req.id);
    expect(after?.state).toBe('cancelled');
    const last = h.desk.getSupportTimeline(req.id).at(-1);
    expect(last).toMatchObject({ to: 'cancelled', reason: 'incident closed: false alarm' });
    expect(h.desk.listSuggestions().some((s) => s.incidentId === inc.id)).toBe(false);
  });

  it('needs a reason, at the contract edge and in the desk', async () => {
    const inc = incidentAt('ps-huabu');
    const api = supportApi(h.desk);
    await expect(api.closeIncident(inc.id, '   ')).rejects.toThrow(/reason is required/);
    expect(() => h.desk.closeIncident(inc.id, ' ')).toThrow(/needs a reason/);
    await expect(api.closeIncident('no-such', 'x')).rejects.toThrow(/unknown incident/);
    expect((await api.closeIncident(inc.id, 'done')).state).toBe('closed');
  });
});
