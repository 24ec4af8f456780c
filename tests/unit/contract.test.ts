import { describe, expect, it } from 'vitest';
import {
  COMMAND_NAMES,
  commandNames,
  EVENT_NAMES,
  eventNames,
  IPC_EVENT,
  type CommandName,
  IPC_INVOKE,
  isCommandName,
  isEventName,
} from '../../shared/contract/ConsoleApi';
import { COMMAND_ARGS, parseCommandArgs } from '../../shared/contract/commandArgs';

// Names every plain object inherits: a lookup with `in` or `obj[name]` would accept them.
const INHERITED = [
  '__proto__',
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  '__defineGetter__',
];

/** Arguments each command takes: written out here so a changed signature is a visible change. */
const ARITY: Readonly<Record<CommandName, number>> = {
  login: 2,
  logout: 0,
  whoAmI: 0,
  getRegion: 0,
  getUnits: 0,
  getStatus: 0,
  getTrack: 3,
  listAlerts: 0,
  ackAlert: 1,
  listQuarantine: 0,
  getSupportSetup: 0,
  listIncidents: 0,
  createIncident: 1,
  regradeIncident: 2,
  closeIncident: 2,
  handOverCommand: 3,
  requestSupport: 1,
  evaluatePackage: 2,
  approveSupport: 3,
  confirmEmergency: 1,
  rejectSupport: 2,
  cancelSupport: 2,
  releaseSupport: 1,
  listSupport: 0,
  getSupportTimeline: 1,
  getUnitStatuses: 0,
  orderUnit: 2,
  listSuggestions: 0,
  dismissSuggestion: 1,
  verifyAudit: 0,
  exportAudit: 0,
  getReport: 2,
  getReachGrid: 0,
  listSessions: 0,
  startExercise: 1,
  endExercise: 1,
  controlClock: 1,
  openReplay: 1,
  closeReplay: 1,
  listMarks: 0,
  listScenarios: 0,
  loadScenario: 1,
  getDrill: 0,
  drillAction: 1,
  getWallLayout: 0,
  saveWallLayout: 1,
  listOperators: 0,
  enrolOperator: 1,
  removeOperator: 1,
  listWallTokens: 0,
  issueWallToken: 2,
  revokeWallToken: 1,
};

describe('name tables', () => {
  it('lists exactly the commands and events of the contract', () => {
    expect(commandNames).toEqual(Object.keys(ARITY));
    expect(eventNames).toEqual([
      'unitsFrame',
      'status',
      'alert',
      'incident',
      'support',
      'supportEvent',
      'suggestion',
      'unitStatuses',
      'wallLayout',
      'drill',
      'caller',
      'operators',
    ]);
    expect(Object.keys(COMMAND_NAMES)).toEqual(commandNames);
    expect(Object.keys(EVENT_NAMES)).toEqual(eventNames);
  });

  it('keeps IPC channels distinct and namespaced', () => {
    expect(IPC_INVOKE).toBe('muster:invoke');
    expect(IPC_EVENT).toBe('muster:event');
  });
});

describe('isCommandName', () => {
  it.each(['getRegion', 'getUnits', 'getStatus', 'getTrack', 'listAlerts', 'ackAlert'])(
    'accepts %s',
    (name) => {
      expect(isCommandName(name)).toBe(true);
    },
  );

  it.each(INHERITED)('rejects the inherited property %s', (name) => {
    expect(isCommandName(name)).toBe(false);
  });

  it.each(['', 'getregion', 'GetRegion', ' getRegion', 'getRegion ', 'unitsFrame', 'on'])(
    'rejects %j',
    (name) => {
      expect(isCommandName(name)).toBe(false);
    },
  );

  it.each([undefined, null, 0, 1, true, {}, [], ['getRegion'], Symbol('getRegion')])(
    'rejects the non-string %s',
    (name) => {
      expect(isCommandName(name)).toBe(false);
    },
  );

  it('is not fooled by a String object', () => {
    expect(isCommandName(new String('getRegion'))).toBe(false);
  });
});

describe('isEventName', () => {
  it.each(['unitsFrame', 'status'])('accepts %s', (name) => {
    expect(isEventName(name)).toBe(true);
  });

  it.each([...INHERITED, '', 'getRegion', 'Status', 'unitsframe'])('rejects %j', (name) => {
    expect(isEventName(name)).toBe(false);
  });

  it.each([undefined, null, 42, {}])('rejects the non-string %s', (name) => {
    expect(isEventName(name)).toBe(false);
  });
});

describe('COMMAND_ARGS', () => {
  it('has a schema for exactly the commands of the name table', () => {
    expect(Object.keys(COMMAND_ARGS).sort()).toEqual(Object.keys(COMMAND_NAMES).sort());
  });
});

describe('parseCommandArgs', () => {
  const noArgs = commandNames.filter((n) => ARITY[n] === 0);
  it.each(noArgs)('%s takes no arguments: [] and a missing list both parse to []', (name) => {
    expect(parseCommandArgs(name, [])).toEqual([]);
    expect(parseCommandArgs(name, undefined)).toEqual([]);
  });

  it.each(commandNames)('%s refuses extra arguments with a message naming the command', (name) => {
    const oneTooMany = (v: unknown): unknown[] => Array.from({ length: ARITY[name] + 1 }, () => v);
    expect(() => parseCommandArgs(name, oneTooMany(1))).toThrow(`invalid arguments for ${name}: `);
    expect(() => parseCommandArgs(name, oneTooMany('x'))).toThrow(
      `invalid arguments for ${name}: `,
    );
  });

  it.each([
    ['a string', 'getRegion'],
    ['an object', { 0: 1 }],
    ['a number', 3],
    ['true', true],
  ])('refuses %s instead of an argument list', (_label, args) => {
    expect(() => parseCommandArgs('getUnits', args)).toThrow(/^invalid arguments for getUnits: /);
  });

  it('returns a fresh array, not the caller’s', () => {
    const given: unknown[] = [];
    const parsed = parseCommandArgs('getStatus', given);
    expect(parsed).toEqual([]);
    expect(parsed).not.toBe(given);
  });
});

describe('getTrack arguments', () => {
  it('accepts a unit id and an ordered window', () => {
    expect(parseCommandArgs('getTrack', ['u1', 10, 20])).toEqual(['u1', 10, 20]);
  });

  it.each([
    [['u1', 20, 10], 'fromMs must not be after toMs'],
    [['', 1, 2], 'getTrack'],
    [['u1', -1, 2], 'getTrack'],
    [['u1', 1.5, 2], 'getTrack'],
    [['u1', 1], 'getTrack'],
    [['x'.repeat(65), 1, 2], 'getTrack'],
  ])('refuses %j', (args, message) => {
    expect(() => parseCommandArgs('getTrack', args)).toThrow(message);
  });
});

describe('ackAlert arguments', () => {
  it('accepts one positive integer alert id', () => {
    expect(parseCommandArgs('ackAlert', [7])).toEqual([7]);
  });

  it.each([[[]], [[0]], [[-3]], [[1.5]], [['7']], [[Number.MAX_SAFE_INTEGER + 2]], [[null]]])(
    'refuses %j',
    (args) => {
      expect(() => parseCommandArgs('ackAlert', args)).toThrow(/^invalid arguments for ackAlert: /);
    },
  );
});

describe('support command arguments', () => {
  const draft = {
    type: 'public-disorder',
    grade: 'III',
    lonLat: [118.41, 29.15],
    description: '广场聚集',
    reporter: '110',
  };

  it('accepts a well-formed incident draft and refuses a point off the globe', () => {
    expect(parseCommandArgs('createIncident', [draft])).toEqual([draft]);
    expect(() => parseCommandArgs('createIncident', [{ ...draft, lonLat: [181, 29] }])).toThrow(
      /invalid arguments for createIncident/,
    );
    expect(() => parseCommandArgs('createIncident', [{ ...draft, grade: 'V' }])).toThrow(
      /invalid arguments for createIncident/,
    );
  });

  it('refuses an approval with no units and a rejection without a reason', () => {
    expect(() => parseCommandArgs('approveSupport', ['sup-1', []])).toThrow(
      /approve at least one unit/,
    );
    expect(() => parseCommandArgs('rejectSupport', ['sup-1', '   '])).toThrow(
      /a reason is required/,
    );
    expect(parseCommandArgs('rejectSupport', ['sup-1', '警力不足'])).toEqual(['sup-1', '警力不足']);
  });

  it('refuses ids with path or wildcard characters and unknown order types', () => {
    expect(() => parseCommandArgs('requestSupport', ['inc/1'])).toThrow(/must be an id/);
    expect(() => parseCommandArgs('orderUnit', ['u1', { type: 'fire' }])).toThrow(
      /invalid arguments for orderUnit/,
    );
    expect(
      parseCommandArgs('orderUnit', ['u1', { type: 'reassign', incidentId: 'inc-2' }]),
    ).toEqual(['u1', { type: 'reassign', incidentId: 'inc-2' }]);
  });
});
