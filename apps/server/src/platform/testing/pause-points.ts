/**
 * Named moments where crash tests stop the server. With `TEST_PAUSE_AT=<name>` (or `<name>#<n>` for the
 * n-th time that point is reached) — accepted only when NODE_ENV=test — the process prints
 * `RSM_PAUSED <name>` on stdout when it gets there and never goes on, so the test can `kill -9` it at
 * exactly that moment, restart it and check what survived. Without the variable a pause point costs one
 * comparison.
 */
export const PAUSED_MARKER = 'RSM_PAUSED';

interface PauseSpec {
  name: string;
  hit: number;
}

let spec: PauseSpec | null = null;
let hits = 0;

export function parsePauseSpec(value: string): PauseSpec {
  const match = /^([a-z0-9][a-z0-9.-]*)(?:#(\d+))?$/.exec(value);
  if (!match) throw new Error(`TEST_PAUSE_AT must look like "uploads.after-move" or "uploads.after-move#3", not "${value}"`);
  return { name: match[1]!, hit: match[2] ? Math.max(1, Number(match[2])) : 1 };
}

/** Called once at start-up with the validated configuration. */
export function configurePausePoints(value: string | undefined): void {
  spec = value ? parsePauseSpec(value) : null;
  hits = 0;
}

/** Stop here for good when a crash test asked for this point; otherwise return at once. */
export async function pausePoint(name: string): Promise<void> {
  if (spec === null || spec.name !== name) return;
  hits++;
  if (hits !== spec.hit) return;
  process.stdout.write(`\n${PAUSED_MARKER} ${name}\n`);
  await new Promise<never>(() => {
    // never settles: the test kills the process while it waits here
  });
}
