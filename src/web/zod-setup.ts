/**
 * Must be the first import of main.tsx. zod compiles object parsers with `new Function` unless told
 * not to, and it probes for that ability when a schema is built; under the strict CSP (no
 * 'unsafe-eval') the probe alone reports a violation. Configure before any contract is evaluated.
 */
import { z } from 'zod';

z.config({ jitless: true });
