import type { ApprovalRole } from '../../../../shared/domain/operators';
import type { Grade } from '../../../../shared/domain/incidents';

// Roles ordered by authority: a supervisor may approve anything a commander may.
const ROLE_RANK: Readonly<Record<ApprovalRole, number>> = { commander: 0, supervisor: 1 };

/** Why `role` may not approve support for `grade`, or undefined when it may. */
export function approvalRefusal(
  grade: Grade,
  role: ApprovalRole,
  approvalRole: Readonly<Record<Grade, ApprovalRole>>,
): string | undefined {
  const needed = approvalRole[grade];
  if (ROLE_RANK[role] >= ROLE_RANK[needed]) return undefined;
  return `grade ${grade} support needs approval by a ${needed}; a ${role} may not approve it`;
}
