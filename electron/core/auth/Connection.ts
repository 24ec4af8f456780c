// One screen's link to the core (a WebSocket or an Electron window): its caller, and the api it
// may use. Every command is checked here, in the core, against shared/contract/access.ts before it
// runs, and then runs as the caller (callerScope), so what it records names who did it. A command
// refused to a logged-in operator or a wall screen is recorded in the access log.
import { accessOf } from '../../../shared/contract/access';
import {
  commandNames,
  type CommandName,
  type ConsoleApi,
  type ConsoleCommands,
  type ConsoleEvents,
  type EventName,
} from '../../../shared/contract/ConsoleApi';
import { ANONYMOUS, callerName, type Caller } from '../../../shared/domain/operators';
import { Refused } from '../../../shared/domain/refusal';
import type { SessionKind } from '../../../shared/domain/session';
import { attempt } from '../attempt';
import { runAs } from './callerScope';
import type { Gate } from './Gate';

/** The unguarded api of a session and its kind; undefined for an unknown or ended session. */
export type SessionApis = (
  sessionId: string | undefined,
) => { readonly api: ConsoleApi; readonly kind: SessionKind } | undefined;

type Fn = (...args: unknown[]) => Promise<unknown>;

/**
 * Reads of core data that are recorded per operator (DOMAIN.md): a unit's recorded track. Live
 * positions reach a screen from its login on, which the log records already.
 */
const RECORDED_READS: ReadonlySet<CommandName> = new Set(['getTrack']);

export class Connection {
  private readonly callerListeners = new Set<(c: Caller) => void>();
  private readonly endListeners = new Set<() => void>();
  private readonly apis = new Map<string | undefined, ConsoleApi>();
  private readonly own: Partial<Record<CommandName, Fn>>;

  constructor(
    private readonly gate: Gate,
    private readonly sessions: SessionApis,
    private current: Caller,
    private resume?: string,
  ) {
    const as = (): Caller => this.current;
    const own: Partial<ConsoleCommands> = {
      login: (name, password) => gate.login(this, name, password),
      logout: () => attempt(() => gate.logout(this)),
      whoAmI: () => Promise.resolve(this.current),
      listOperators: () => attempt(() => gate.listOperators()),
      enrolOperator: (draft) => attempt(() => gate.enrolOperator(as(), draft)),
      removeOperator: (name) => attempt(() => gate.removeOperator(as(), name)),
      listWallTokens: () => attempt(() => gate.listWallTokens()),
      issueWallToken: (screen, label) => attempt(() => gate.issueWallToken(as(), screen, label)),
      revokeWallToken: (id) => attempt(() => gate.revokeWallToken(as(), id)),
    };
    this.own = own as Partial<Record<CommandName, Fn>>;
  }

  get caller(): Caller {
    return this.current;
  }

  /** The login this screen resumes after a reconnect; undefined when not logged in. */
  get resumeToken(): string | undefined {
    return this.resume;
  }

  /** Gate only: a login, a log-out, or the operator removed. */
  become(caller: Caller, resumeToken: string | undefined): void {
    this.current = caller;
    this.resume = resumeToken;
    for (const fn of [...this.callerListeners]) fn(caller);
  }

  /**
   * Gate only: the wall token was revoked. Nothing more is served; the host closes the link with
   * the code that tells the screen its token is refused (not a login screen on a wall).
   */
  end(): void {
    this.current = ANONYMOUS;
    this.resume = undefined;
    for (const fn of [...this.endListeners]) fn();
    this.close();
  }

  onEnd(fn: () => void): () => void {
    this.endListeners.add(fn);
    return () => this.endListeners.delete(fn);
  }

  /** The screen went away: nothing more is delivered (its login stays resumable). */
  close(): void {
    this.gate.closed(this);
  }

  /** The api this screen uses for one session; undefined for an unknown or ended session. */
  api(sessionId: string | undefined): ConsoleApi | undefined {
    const cached = this.apis.get(sessionId);
    if (cached) return cached;
    const s = this.sessions(sessionId);
    if (!s) return undefined;
    const target = s.api as unknown as Record<CommandName, Fn>;
    const api: Record<string, unknown> = {};
    for (const name of commandNames) {
      const run = this.own[name] ?? ((...args: unknown[]) => target[name].apply(s.api, args));
      api[name] = (...args: unknown[]) => this.call(name, s.kind, args, () => run(...args));
    }
    api.on = <E extends EventName>(name: E, fn: (payload: ConsoleEvents[E]) => void) =>
      this.subscribe(s.api, name, fn);
    const guarded = api as unknown as ConsoleApi;
    this.apis.set(sessionId, guarded);
    return guarded;
  }

  private call(
    name: CommandName,
    kind: SessionKind,
    args: readonly unknown[],
    run: () => Promise<unknown>,
  ): Promise<unknown> {
    const caller = this.current;
    const v = accessOf(caller, name, kind);
    if (!v.ok) {
      // An anonymous screen's calls are not anyone's; a logged-in caller or wall overreaching is.
      if (caller.kind !== 'anonymous') {
        const who = callerName(caller);
        this.gate.record({
          kind: 'access-refused',
          subject: who,
          by: who,
          reason: v.why,
          body: { command: name, session: kind },
        });
      }
      return Promise.reject(new Refused(v.code, v.why));
    }
    if (RECORDED_READS.has(name)) {
      const who = callerName(caller);
      this.gate.record({
        kind: 'data-read',
        subject: who,
        by: who,
        reason: `${name} ${args.map((a) => String(a)).join(' ')}`,
        body: { command: name, session: kind, args },
      });
    }
    return runAs(caller, run);
  }

  private subscribe<E extends EventName>(
    api: ConsoleApi,
    name: E,
    fn: (payload: ConsoleEvents[E]) => void,
  ): () => void {
    if (name === 'caller') {
      const f = fn as (c: Caller) => void;
      this.callerListeners.add(f);
      return () => this.callerListeners.delete(f);
    }
    const deliver = (payload: ConsoleEvents[E]): void => {
      // Nothing of a session reaches a screen nobody has logged in on.
      if (this.current.kind !== 'anonymous') fn(payload);
    };
    if (name === 'operators') {
      return this.gate.onOperators(deliver as (c: ConsoleEvents['operators']) => void);
    }
    return api.on(name, deliver);
  }
}
