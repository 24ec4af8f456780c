import type { Inject } from '../../shared/domain/drill';

/** An SOS inject with every other field blank: what the runner's own logic is tested on. */
export const sosInject = (id: string, atS = 0, contingency = false): Inject => ({
  id,
  atS,
  kind: 'sos',
  unitId: 'u',
  description: '',
  player: '',
  expected: '',
  objective: '',
  contingency,
});
