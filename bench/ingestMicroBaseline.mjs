// The baseline side of bench/ingestMicro.ts: the copy of electron/ and shared/ at an older commit
// that bench/ingestMicro.sh extracts under bench-results/legacy (ignored by git, hence plain JS
// here and the types beside it: the typecheck must not depend on the copy existing).
export { ConsoleCore } from '../bench-results/legacy/electron/core/ConsoleCore';
export { coreConfigFrom } from '../bench-results/legacy/electron/core/config';
