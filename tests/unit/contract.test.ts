import { describe, expect, it } from 'vitest';
import {
  COMMAND_NAMES,
  commandNames,
  EVENT_NAMES,
  eventNames,
  IPC_EVENT,
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

describe('name tables', () => {
  it('lists exactly the commands and events of the contract', () => {
    expect(commandNames).toEqual([
      'getRegion',
      'getUnits',
      'getStatus',
      'getTrack',
      'listAlerts',
      'ackAlert',
    ]);
    expect(eventNames).toEqual(['unitsFrame', 'status', 'alert']);
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
  const noArgs = commandNames.filter((n) => n !== 'getTrack' && n !== 'ackAlert');
  it.each(noArgs)('%s takes no arguments: [] and a missing list both parse to []', (name) => {
    expect(parseCommandArgs(name, [])).toEqual([]);
    expect(parseCommandArgs(name, undefined)).toEqual([]);
  });

  it.each(commandNames)('%s refuses extra arguments with a message naming the command', (name) => {
    const oneTooMany = name === 'ackAlert' ? [1, 2] : [1];
    expect(() => parseCommandArgs(name, oneTooMany)).toThrow(`invalid arguments for ${name}: `);
    expect(() => parseCommandArgs(name, ['x', 'y'])).toThrow(`invalid arguments for ${name}: `);
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
