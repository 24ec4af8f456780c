import { z } from 'zod';

// zod compiles object parsers with `new Function` unless told not to, and probes for it when the
// first object schema is built, i.e. while shared/contract modules load. Under this page's CSP (no
// 'unsafe-eval') even the caught probe is reported as a violation, so this module must be imported
// before anything that defines a schema.
z.config({ jitless: true });
