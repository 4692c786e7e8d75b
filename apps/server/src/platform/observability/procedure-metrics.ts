/**
 * Latency of every tRPC procedure call, labelled by procedure path and outcome (`OK` or the tRPC error code).
 * Both label sets are bounded: tRPC runs middlewares only for procedures of the router, and the outcome is one
 * of tRPC's codes. One histogram for the process (like the router itself): each app's registry registers it.
 *
 * The hot path is one observation per call: the labelled child is looked up in two small maps, so nothing is
 * allocated per call once a (procedure, outcome) pair has been seen (prom-client's `observe(labels, v)` would
 * hash a label object on every call).
 */
import { Histogram } from 'prom-client';

type Child = ReturnType<Histogram<'procedure' | 'outcome'>['labels']>;

export const procedureDuration = new Histogram({
  name: 'rsm_trpc_procedure_duration_seconds',
  help: 'tRPC procedure duration, by procedure path and outcome (OK or the tRPC error code)',
  labelNames: ['procedure', 'outcome'],
  buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [],
});

const children = new Map<string, Map<string, Child>>();

/** Records one call that started at `startedMs` (performance.now()). */
export function observeProcedure(procedure: string, outcome: string, startedMs: number): void {
  let byOutcome = children.get(procedure);
  if (!byOutcome) children.set(procedure, (byOutcome = new Map()));
  let child = byOutcome.get(outcome);
  if (!child) byOutcome.set(outcome, (child = procedureDuration.labels(procedure, outcome)));
  child.observe((performance.now() - startedMs) / 1000);
}
