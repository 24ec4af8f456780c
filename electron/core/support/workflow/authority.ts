/** The incident a unit is attached to, and who commands it (属地为主: the receiving side). */
export interface Attachment {
  readonly incidentId: string;
  readonly commander: string;
}

/**
 * Why `operator` may not give orders to a unit, or undefined when they may. An attached unit takes
 * orders only from the receiving incident's commander; an unattached unit from anyone.
 */
export function authorityRefusal(
  attachment: Attachment | undefined,
  operator: string,
): string | undefined {
  if (attachment === undefined || attachment.commander === operator) return undefined;
  return (
    `unit is attached to incident ${attachment.incidentId} and takes orders only from its ` +
    `commander ${attachment.commander}, not from ${operator}`
  );
}
