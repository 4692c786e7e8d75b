import { z } from 'zod';

/** The answer of a mutation that returns nothing else. */
export const okOutput = z.object({ ok: z.literal(true) });
