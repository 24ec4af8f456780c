// Every command against every kind of caller, through the real WebSocket host with real tokens:
// the core allows or refuses it by the caller's role, whatever the screen offers. The table below
// is written out on its own (not read from the access table), so a changed right is a visible
// change here. A refusal to a logged-in operator or a wall is recorded in the hash-chained log.
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ConsoleCore } from '../../electron/core/ConsoleCore';
import { startServeHost, type ServeHost } from '../../electron/serve/serveHost';
import { commandNames, type CommandName } from '../../shared/contract/ConsoleApi';
import { createWsApi, wsUrl, type WebSocketCtor } from '../../shared/contract/wsClient';
import type { OperatorRole } from '../../shared/domain/operators';
import { enrol, startCore, tempDir, TEST_PASSWORD } from '../support/coreHarness';

type Who = OperatorRole | 'wall' | 'anonymous';
const OPERATORS: readonly OperatorRole[] = [
  'commander',
  'supervisor',
  'facilitator',
  'auditor',
  'admin',
];

const READ: readonly Who[] = [...OPERATORS, 'wall'];
const COMMAND: readonly Who[] = ['commander', 'supervisor'];
const NOBODY_ON_LIVE: readonly Who[] = [];

/** Who may call each command on live duty. */
const MAY: Readonly<Record<CommandName, readonly Who[]>> = {
  // A wall token is not a way in for an operator's login.
  login: [...OPERATORS, 'anonymous'],
  logout: OPERATORS,
  whoAmI: [...READ, 'anonymous'],
  getRegion: READ,
  getUnits: READ,
  getStatus: READ,
  getTrack: OPERATORS,
  listAlerts: READ,
  ackAlert: COMMAND,
  listQuarantine: OPERATORS,
  getSupportSetup: READ,
  listIncidents: READ,
  createIncident: COMMAND,
  regradeIncident: COMMAND,
  closeIncident: COMMAND,
  handOverCommand: COMMAND,
  requestSupport: COMMAND,
  evaluatePackage: COMMAND,
  approveSupport: COMMAND,
  confirmEmergency: ['supervisor'],
  rejectSupport: COMMAND,
  cancelSupport: COMMAND,
  releaseSupport: COMMAND,
  listSupport: READ,
  getSupportTimeline: READ,
  getUnitStatuses: READ,
  orderUnit: COMMAND,
  listSuggestions: READ,
  dismissSuggestion: COMMAND,
  verifyAudit: OPERATORS,
  exportAudit: ['auditor'],
  getReport: OPERATORS,
  getReachGrid: READ,
  listSessions: READ,
  startExercise: ['facilitator'],
  endExercise: ['facilitator'],
  controlClock: NOBODY_ON_LIVE,
  openReplay: ['commander', 'supervisor', 'facilitator', 'auditor'],
  closeReplay: ['commander', 'supervisor', 'facilitator', 'auditor'],
  listMarks: READ,
  listScenarios: NOBODY_ON_LIVE,
  loadScenario: NOBODY_ON_LIVE,
  getDrill: NOBODY_ON_LIVE,
  drillAction: NOBODY_ON_LIVE,
  getWallLayout: READ,
  saveWallLayout: ['commander', 'supervisor', 'admin'],
  listOperators: ['admin'],
  enrolOperator: ['admin'],
  removeOperator: ['admin'],
  listWallTokens: ['admin'],
  issueWallToken: ['admin'],
  revokeWallToken: ['admin'],
};

/** Arguments that pass the edge's parsing; most name nothing that exists. */
const ARGS: Readonly<Record<CommandName, readonly unknown[]>> = {
  login: ['nobody enrolled', 'not-the-password'],
  logout: [],
  whoAmI: [],
  getRegion: [],
  getUnits: [],
  getStatus: [],
  getTrack: ['kh-ps-chengguan-01', 0, 1],
  listAlerts: [],
  ackAlert: [987654],
  listQuarantine: [],
  getSupportSetup: [],
  listIncidents: [],
  createIncident: [
    {
      type: 'traffic-accident',
      grade: 'IV',
      lonLat: [118.41, 29.14],
      description: '',
      reporter: '',
    },
  ],
  regradeIncident: ['inc-none', 'II'],
  closeIncident: ['inc-none', 'test'],
  handOverCommand: ['inc-none', 'someone', 'test'],
  requestSupport: ['inc-none'],
  evaluatePackage: ['sup-none', ['u1']],
  approveSupport: ['sup-none', ['u1']],
  confirmEmergency: ['sup-none'],
  rejectSupport: ['sup-none', 'test'],
  cancelSupport: ['sup-none', 'test'],
  releaseSupport: ['sup-none'],
  listSupport: [],
  getSupportTimeline: ['sup-none'],
  getUnitStatuses: [],
  orderUnit: ['u1', { type: 'return' }],
  listSuggestions: [],
  dismissSuggestion: ['sug-none'],
  verifyAudit: [],
  exportAudit: [],
  getReport: [],
  getReachGrid: [],
  listSessions: [],
  startExercise: [{ name: '权限矩阵' }],
  endExercise: ['ex-none'],
  controlClock: [{ type: 'pause' }],
  openReplay: ['ex-none'],
  closeReplay: ['rp-none'],
  listMarks: [],
  listScenarios: [],
  loadScenario: [{ scenarioId: 'none' }],
  getDrill: [],
  drillAction: [{ type: 'fire-next' }],
  getWallLayout: [],
  saveWallLayout: [[{ displayId: 'primary', role: 'map' }]],
  listOperators: [],
  enrolOperator: [{ name: '矩阵 新人', role: 'commander', password: 'a long password' }],
  removeOperator: ['nobody enrolled'],
  listWallTokens: [],
  issueWallToken: ['units', '矩阵墙屏'],
  revokeWallToken: ['wall-none'],
};

const ACCESS_REFUSAL = /\[refused:(access-denied|login-required)\]/;

describe('roles, enforced by the core through the WebSocket host', () => {
  const tmp = tempDir();
  let core: ConsoleCore;
  let host: ServeHost;
  let origin: string;
  const resume = new Map<Who, string>();
  let wallToken = '';
  let wallId = '';

  /** A fresh screen: a host-token socket resuming `who`'s login, or the wall's token. */
  const screen = (who: Who, session?: string) => {
    const token = who === 'wall' ? wallToken : host.token;
    const t = resume.get(who);
    return createWsApi(wsUrl(origin, session), token, WebSocket as unknown as WebSocketCtor, {
      get: () => t,
      set: () => undefined,
    });
  };

  /** 'allowed' when the core ran it (whatever it answered), 'refused' on an access refusal. */
  const verdict = async (who: Who, name: CommandName, session?: string) => {
    const api = screen(who, session);
    try {
      const fn = api[name] as (...a: unknown[]) => Promise<unknown>;
      await fn(...ARGS[name]);
      return 'allowed';
    } catch (err) {
      return ACCESS_REFUSAL.test(String(err)) ? 'refused' : 'allowed';
    } finally {
      api.close();
    }
  };

  beforeAll(async () => {
    writeFileSync(join(tmp.dir, 'index.html'), '<!doctype html><title>t</title>');
    core = await startCore(join(tmp.dir, 'data'));
    host = await startServeHost({
      gate: core.gate,
      rendererDir: tmp.dir,
      host: '127.0.0.1',
      port: 0,
    });
    origin = new URL(host.url).origin;
    for (const role of OPERATORS) {
      enrol(core, `矩阵 ${role}`, role);
      const api = screen('anonymous');
      const r = await api.login(`矩阵 ${role}`, TEST_PASSWORD);
      resume.set(role, r.resumeToken);
      api.close();
    }
    const admin = screen('admin');
    const issued = await admin.issueWallToken('support', '大屏 1');
    admin.close();
    wallToken = issued.token;
    wallId = issued.id;
  }, 30_000);
  afterAll(async () => {
    await host?.close();
    await core?.stop();
    tmp.remove();
  });

  const callers: readonly Who[] = [...OPERATORS, 'wall', 'anonymous'];
  // Log-out ends the login the other calls resume: it goes last.
  const order = [...commandNames.filter((n) => n !== 'logout'), 'logout' as const];

  it.each(callers)(
    'as %s, every command on live is allowed or refused as the table says',
    async (who) => {
      const got: Record<string, string> = {};
      const want: Record<string, string> = {};
      for (const name of order) {
        got[name] = await verdict(who, name);
        want[name] = MAY[name].includes(who) ? 'allowed' : 'refused';
      }
      expect(got).toEqual(want);
    },
    60_000,
  );

  it('runs a facilitator’s commands in an exercise, and refuses them to a commander there', async () => {
    enrol(core, '导调 李', 'facilitator');
    enrol(core, '指挥 王', 'commander');
    const login = async (name: string) => {
      const api = screen('anonymous');
      const r = await api.login(name, TEST_PASSWORD);
      api.close();
      return r.resumeToken;
    };
    resume.set('facilitator', await login('导调 李'));
    resume.set('commander', await login('指挥 王'));
    const f = screen('facilitator');
    const ex = await f.startExercise({ name: '权限演练' });
    f.close();
    for (const name of ['controlClock', 'listScenarios', 'getDrill', 'drillAction'] as const) {
      expect(await verdict('facilitator', name, ex.id), name).toBe('allowed');
      expect(await verdict('commander', name, ex.id), name).toBe('refused');
    }
    // Players command in the exercise; the facilitator does not play.
    expect(await verdict('commander', 'createIncident', ex.id)).toBe('allowed');
    expect(await verdict('facilitator', 'createIncident', ex.id)).toBe('refused');
  }, 60_000);

  it('audits a wall token that tries to approve, in the hash chain', async () => {
    const wall = screen('wall');
    await expect(wall.approveSupport('sup-none', ['u1'])).rejects.toThrow(
      '[refused:access-denied]',
    );
    expect(await wall.whoAmI()).toEqual({ kind: 'wall', tokenId: wallId, screen: 'support' });
    wall.close();
    const refused = [...core.live.log.all()].filter(
      (e) => e.kind === 'access-refused' && e.subject === `wall:${wallId}`,
    );
    expect(refused.map((e) => (e.body as { command: string }).command)).toContain('approveSupport');
    const audit = await core.api.verifyAudit();
    expect(audit.ok).toBe(true);
  });

  it('records who read a unit’s track, per operator, in the chain', async () => {
    const commander = screen('commander');
    await commander.getTrack('kh-ps-chengguan-01', 0, 1);
    commander.close();
    const reads = [...core.live.log.all()].filter((e) => e.kind === 'data-read');
    expect(reads.at(-1)).toMatchObject({
      operator: '指挥 王',
      body: { command: 'getTrack', session: 'live', args: ['kh-ps-chengguan-01', 0, 1] },
    });
  });
});
