// The console's door: who is logged in on which screen, the administrator's operator and wall-token
// commands, and the access record. Each screen (a WebSocket, an Electron window) is one Connection
// with its own caller; the gate keeps the logins a screen can resume after a reload or a reconnect
// (in the store: a restarted console keeps its screens logged in for the rest of the shift).
import type { OperatorsChange } from '../../../shared/contract/ConsoleApi';
import type { AccessEventKind } from '../../../shared/domain/log';
import {
  ANONYMOUS,
  normaliseOperatorName,
  type Caller,
  type IssuedWallToken,
  type LoginResult,
  type OperatorDraft,
  type OperatorEntry,
  type WallTokenEntry,
} from '../../../shared/domain/operators';
import { Refused } from '../../../shared/domain/refusal';
import type { ScreenRole } from '../../../shared/domain/wall';
import { callerName } from '../../../shared/domain/operators';
import type { OperatorBook } from './OperatorBook';
import type { WallTokenBook } from './WallTokenBook';
import type { LoginSessions } from './LoginSessions';
import { Connection, type SessionApis } from './Connection';

type OperatorCaller = Extract<Caller, { kind: 'operator' }>;

export interface AccessRecord {
  readonly kind: AccessEventKind;
  /** The operator or token the event is about. */
  readonly subject: string;
  /** Who did it (the caller's name; the name tried, for a failed login). */
  readonly by: string;
  readonly reason: string;
  readonly body?: unknown;
}

export interface GateDeps {
  readonly book: OperatorBook;
  readonly walls: WallTokenBook;
  readonly logins: LoginSessions;
  readonly sessions: SessionApis;
  /** Appends to the workstation's (live's) hash-chained log. */
  readonly record: (r: AccessRecord) => void;
}

/** What a screen presents when it connects: a wall token, or a login to resume. */
export interface Credentials {
  readonly wallToken?: string | undefined;
  readonly resumeToken?: string | undefined;
}

export class Gate {
  private readonly connections = new Set<Connection>();
  private readonly operatorListeners = new Set<(c: OperatorsChange) => void>();

  constructor(private readonly deps: GateDeps) {}

  /** The wall token this secret is, if it is one and not revoked. */
  wallToken(token: string): WallTokenEntry | undefined {
    return this.deps.walls.find(token);
  }

  /**
   * A screen's connection. A wall token makes it that wall screen; a resume token that is still
   * valid logs it back in; anything else leaves it anonymous (it shows the login).
   */
  open(cred: Credentials = {}): Connection {
    const wall = cred.wallToken === undefined ? undefined : this.wallToken(cred.wallToken);
    const resumed =
      cred.resumeToken === undefined ? undefined : this.deps.logins.resume(cred.resumeToken);
    const caller: Caller = wall
      ? { kind: 'wall', tokenId: wall.id, screen: wall.screen }
      : (resumed ?? ANONYMOUS);
    const conn = new Connection(
      this,
      this.deps.sessions,
      caller,
      resumed ? cred.resumeToken : undefined,
    );
    this.connections.add(conn);
    return conn;
  }

  /** A connection for a screen the host itself trusts as one wall role (Electron's wall windows). */
  openLocalWall(screen: ScreenRole): Connection {
    const conn = new Connection(this, this.deps.sessions, {
      kind: 'wall',
      tokenId: `local-${screen}`,
      screen,
    });
    this.connections.add(conn);
    return conn;
  }

  closed(conn: Connection): void {
    this.connections.delete(conn);
  }

  onOperators(fn: (c: OperatorsChange) => void): () => void {
    this.operatorListeners.add(fn);
    return () => this.operatorListeners.delete(fn);
  }

  record(r: AccessRecord): void {
    try {
      this.deps.record(r);
    } catch (err) {
      // The refusal or login still stands; a store that cannot write shows in the status strip.
      console.error(`access record ${r.kind} not written:`, err);
    }
  }

  // ---------------------------------------------------------------- logins

  async login(conn: Connection, rawName: string, password: string): Promise<LoginResult> {
    // A wall token opens one read-only screen; it is not a way in for an operator's login.
    if (conn.caller.kind === 'wall') {
      throw new Refused('access-denied', 'login: a wall screen only shows; log in on a console');
    }
    const name = normaliseOperatorName(rawName);
    const v = await this.deps.book.verify(name, password);
    if (!v.ok) {
      this.record({
        kind: 'login-failed',
        subject: name,
        by: name,
        reason: v.reason,
        ...(v.reason === 'locked' ? { body: { untilMs: v.untilMs } } : {}),
      });
      if (v.reason === 'locked') {
        throw new Refused('login-locked', `${name} is locked until ms=${String(v.untilMs)}`);
      }
      const left = v.reason === 'wrong-password' ? ` (${String(v.triesLeft)} left)` : '';
      throw new Refused('login-wrong', `wrong name or password${left}`);
    }
    const previous = conn.caller;
    if (previous.kind === 'operator') this.endLogin(conn, 'another operator logged in');
    const caller: OperatorCaller = { kind: 'operator', name: v.name, role: v.role };
    const resumeToken = this.deps.logins.open(caller);
    conn.become(caller, resumeToken);
    this.record({ kind: 'login', subject: v.name, by: v.name, reason: v.role });
    return { caller, resumeToken };
  }

  logout(conn: Connection): void {
    if (conn.caller.kind !== 'operator') return;
    this.endLogin(conn, 'logged out');
  }

  private endLogin(conn: Connection, reason: string): void {
    const name = callerName(conn.caller);
    if (conn.resumeToken !== undefined) this.deps.logins.close(conn.resumeToken);
    conn.become(ANONYMOUS, undefined);
    this.record({ kind: 'logout', subject: name, by: name, reason });
  }

  /** Every screen of this operator is logged out (removed, or their role changed). */
  private logOutEverywhere(name: string, reason: string): void {
    this.deps.logins.closeAll(name);
    for (const conn of this.connections) {
      if (conn.caller.kind === 'operator' && conn.caller.name === name) {
        conn.become(ANONYMOUS, undefined);
        this.record({ kind: 'logout', subject: name, by: 'system', reason });
      }
    }
  }

  // ---------------------------------------------------------------- administration

  hasAdmin(): boolean {
    return this.deps.book.namesWith('admin').length > 0;
  }

  /** The first administrator, from the host's terminal at the first start. */
  enrolFirstAdmin(name: string, password: string): OperatorEntry {
    if (this.hasAdmin()) throw new Error('an administrator is already enrolled');
    const entry = this.deps.book.enrol(name, 'admin', password, 'terminal');
    this.record({
      kind: 'operator-enrolled',
      subject: entry.name,
      by: 'terminal',
      reason: 'first administrator, enrolled at the first start',
      body: { role: 'admin', before: null },
    });
    return entry;
  }

  listOperators(): OperatorEntry[] {
    return this.deps.book.list();
  }

  enrolOperator(by: Caller, draft: OperatorDraft): OperatorEntry {
    const before = this.deps.book.roleOf(draft.name);
    if (before === 'admin' && draft.role !== 'admin') this.keepAnAdmin(draft.name);
    const entry = this.deps.book.enrol(draft.name, draft.role, draft.password, callerName(by));
    this.record({
      kind: 'operator-enrolled',
      subject: entry.name,
      by: callerName(by),
      reason:
        before === undefined ? `enrolled as ${entry.role}` : `now ${entry.role}, new password`,
      body: { role: entry.role, before: before ?? null },
    });
    if (before !== undefined) this.logOutEverywhere(entry.name, 'role or password changed');
    this.operatorsChanged();
    return entry;
  }

  removeOperator(by: Caller, rawName: string): void {
    const name = normaliseOperatorName(rawName);
    const role = this.deps.book.roleOf(name);
    if (role === undefined) throw new Refused('operator-unknown', `no operator named ${name}`);
    if (role === 'admin') this.keepAnAdmin(name);
    this.deps.book.remove(name);
    this.record({ kind: 'operator-removed', subject: name, by: callerName(by), reason: role });
    this.logOutEverywhere(name, 'removed from the console');
    this.operatorsChanged();
  }

  /** The console always keeps one administrator, or nobody could enrol anyone again. */
  private keepAnAdmin(leaving: string): void {
    const admins = this.deps.book.namesWith('admin');
    if (admins.length === 1 && admins[0] === normaliseOperatorName(leaving)) {
      throw new Refused('operator-last-admin', `${leaving} is the last administrator`);
    }
  }

  listWallTokens(): WallTokenEntry[] {
    return this.deps.walls.list();
  }

  issueWallToken(by: Caller, screen: ScreenRole, label: string): IssuedWallToken {
    const t = this.deps.walls.issue(screen, label, callerName(by));
    this.record({
      kind: 'wall-token-issued',
      subject: t.id,
      by: callerName(by),
      reason: `${screen}: ${t.label}`,
      body: { screen, label: t.label },
    });
    return t;
  }

  revokeWallToken(by: Caller, id: string): WallTokenEntry {
    if (!this.deps.walls.isLive(id)) {
      throw new Refused('wall-token-unknown', `no live wall token ${id}`);
    }
    const entry = this.deps.walls.revoke(id);
    this.record({
      kind: 'wall-token-revoked',
      subject: id,
      by: callerName(by),
      reason: entry.label,
    });
    for (const conn of this.connections) {
      if (conn.caller.kind === 'wall' && conn.caller.tokenId === id) conn.end();
    }
    return entry;
  }

  private operatorsChanged(): void {
    const change: OperatorsChange = { supervisors: this.deps.book.namesWith('supervisor') };
    for (const fn of [...this.operatorListeners]) fn(change);
  }
}
