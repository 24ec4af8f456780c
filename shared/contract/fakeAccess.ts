// The fake api's logins and administration (see fakeApi.ts): operators kept in the clear, one
// caller per fake, and the same refusals the core tags.
import type { Caller, OperatorEntry, WallTokenEntry } from '../domain/operators';
import type { CommandName, ConsoleCommands, ConsoleEvents, EventName } from './ConsoleApi';

export interface FakeAccessData {
  /** Who the fake's screen is: a logged-in commander ('fake-operator') when absent. */
  caller?: Caller;
  /** Operators who may log in or countersign, with their passwords (kept in the clear). */
  supervisors?: { readonly name: string; readonly password: string }[];
  operators?: (OperatorEntry & { readonly password: string })[];
  wallTokens?: WallTokenEntry[];
}

type AccessCommands = Pick<
  ConsoleCommands,
  | 'login'
  | 'logout'
  | 'whoAmI'
  | 'listOperators'
  | 'enrolOperator'
  | 'removeOperator'
  | 'listWallTokens'
  | 'issueWallToken'
  | 'revokeWallToken'
>;

export function fakeAccessCommands(
  data: FakeAccessData,
  me: () => Caller,
  answer: <T>(name: CommandName, value: T) => Promise<T>,
  refuse: (name: CommandName, message: string) => Promise<never>,
  emit: <E extends EventName>(name: E, payload: ConsoleEvents[E]) => void,
): AccessCommands {
  const operators = (): (OperatorEntry & { readonly password: string })[] =>
    (data.operators ??= []);
  const tokens = (): WallTokenEntry[] => (data.wallTokens ??= []);
  return {
    login: (name, password) => {
      const o = operators().find((x) => x.name === name);
      if (!o || o.password !== password) {
        return refuse('login', 'wrong name or password (4 left) [refused:login-wrong]');
      }
      data.caller = { kind: 'operator', name: o.name, role: o.role };
      emit('caller', data.caller);
      return answer('login', { caller: data.caller, resumeToken: 'fake-resume-token-0001' });
    },
    logout: () => {
      data.caller = { kind: 'anonymous' };
      emit('caller', data.caller);
      return answer('logout', undefined);
    },
    whoAmI: () => answer('whoAmI', me()),
    listOperators: () =>
      answer(
        'listOperators',
        operators().map(({ password: _p, ...o }) => o),
      ),
    enrolOperator: (d) => {
      const entry = {
        name: d.name,
        role: d.role,
        enrolledMs: Date.now(),
        enrolledBy: 'fake-admin',
        password: d.password,
      };
      data.operators = [...operators().filter((o) => o.name !== d.name), entry];
      const { password: _p, ...shown } = entry;
      return answer('enrolOperator', shown);
    },
    removeOperator: (name) => {
      data.operators = operators().filter((o) => o.name !== name);
      return answer('removeOperator', undefined);
    },
    listWallTokens: () => answer('listWallTokens', tokens()),
    issueWallToken: (screen, label) => {
      const t: WallTokenEntry = {
        id: `wall-${String(tokens().length + 1)}`,
        screen,
        label: label || screen,
        issuedMs: Date.now(),
        issuedBy: 'fake-admin',
      };
      tokens().unshift(t);
      return answer('issueWallToken', { ...t, token: `fake-wall-token-${t.id}-000000` });
    },
    revokeWallToken: (id) => {
      const t = tokens().find((x) => x.id === id);
      if (!t)
        return refuse('revokeWallToken', `no live wall token ${id} [refused:wall-token-unknown]`);
      const revoked = { ...t, revokedMs: Date.now() };
      data.wallTokens = tokens().map((x) => (x.id === id ? revoked : x));
      return answer('revokeWallToken', revoked);
    },
  };
}
