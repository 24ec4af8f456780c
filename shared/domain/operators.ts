// Who may use the console: named operators who log in with a password, and wall screens that show
// one screen role read-only with a token an administrator issued. The core checks every command
// against the caller (shared/contract/access.ts); the UI only hides what the caller may not do.
import type { ScreenRole } from './wall';

/**
 * commander: runs incidents and support. supervisor: a commander who may also approve the grades
 * that need one, and countersign. facilitator: runs exercises (reads live only). auditor: reads
 * everything and exports the audit. admin: enrols operators and wall screens.
 */
export const OPERATOR_ROLES = [
  'commander',
  'supervisor',
  'facilitator',
  'auditor',
  'admin',
] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

/** The roles that approve support (a region's approval rules name one per grade). */
export const APPROVAL_ROLES = ['commander', 'supervisor'] as const;
export type ApprovalRole = (typeof APPROVAL_ROLES)[number];

export const OPERATOR_NAME_MAX = 40;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
/** Wrong passwords in a row before a name is locked, and how long from the last of them. */
export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_LOCK_MS = 15 * 60_000;

/** Who is on the other end of one screen's connection. */
export type Caller =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'operator'; readonly name: string; readonly role: OperatorRole }
  | { readonly kind: 'wall'; readonly tokenId: string; readonly screen: ScreenRole };

export const ANONYMOUS: Caller = { kind: 'anonymous' };

export interface LoginResult {
  readonly caller: Extract<Caller, { kind: 'operator' }>;
  /** Presented again when the screen reconnects or reloads; void after log-out or a restart. */
  readonly resumeToken: string;
}

export interface OperatorEntry {
  readonly name: string;
  readonly role: OperatorRole;
  readonly enrolledMs: number;
  readonly enrolledBy: string;
  /** Set while the name is locked after too many wrong passwords. */
  readonly lockedUntilMs?: number;
}

export interface OperatorDraft {
  readonly name: string;
  readonly role: OperatorRole;
  readonly password: string;
}

export interface WallTokenEntry {
  readonly id: string;
  readonly screen: ScreenRole;
  readonly label: string;
  readonly issuedMs: number;
  readonly issuedBy: string;
  readonly revokedMs?: number;
}

/** A new wall token: the secret is shown once, to be entered on the wall PC. */
export interface IssuedWallToken extends WallTokenEntry {
  readonly token: string;
}

/** The one spelling a name is stored and compared in: trimmed, Unicode NFC, inner spaces single. */
export function normaliseOperatorName(raw: string): string {
  return raw.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/** The roles whose operators may act as a commander (take incidents and request support). */
export const COMMANDING_ROLES: readonly OperatorRole[] = ['commander', 'supervisor'];

/** The caller's name as it goes on a record: an operator's name, a wall screen's token id. */
export function callerName(c: Caller): string {
  if (c.kind === 'operator') return c.name;
  if (c.kind === 'wall') return `wall:${c.tokenId}`;
  return 'anonymous';
}
