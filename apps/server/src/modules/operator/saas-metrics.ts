/**
 * SaaS figures of the last 12 calendar months (UTC), computed from the subscription history alone (issue 12.5):
 * a studio's state at an instant is its last subscription change before it. Pure: the service loads the rows.
 *
 * - MRR of a month: the sum of the studios' `mrrCents` at the month's end (now, for the current month); ARR = 12 × MRR.
 * - Active paying studios: studios with MRR > 0 at that instant.
 * - Trial-to-paid conversion: of the studios whose trial ended in the month (`trialEndsAt`, up to now), those that
 *   had paid (a change with MRR > 0) before the month's end.
 * - Churn: of the studios paying at the month's start, those no longer paying at its end.
 * Rates are null when their denominator is 0 (no cohort is not 0 %).
 */

export interface HistoryRow {
  studioId: string;
  at: Date;
  mrrCents: number;
}

export interface TrialEnd {
  studioId: string;
  trialEndsAt: Date | null;
}

export interface MonthFigures {
  /** 'YYYY-MM' (UTC). */
  month: string;
  mrrCents: number;
  arrCents: number;
  activePaying: number;
  trialsEnded: number;
  trialsConverted: number;
  conversionRate: number | null;
  payingAtStart: number;
  churned: number;
  churnRate: number | null;
}

const monthKey = (d: Date) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;

/** The first instants of the last `count` UTC months, oldest first, the current month last. */
export function lastMonthStarts(now: Date, count = 12): Date[] {
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (count - 1 - i), 1)));
}

export function saasMetrics(history: readonly HistoryRow[], trials: readonly TrialEnd[], now: Date, months = 12): MonthFigures[] {
  const byStudio = new Map<string, HistoryRow[]>();
  for (const row of history) {
    const rows = byStudio.get(row.studioId) ?? [];
    rows.push(row);
    byStudio.set(row.studioId, rows);
  }
  for (const rows of byStudio.values()) rows.sort((a, b) => a.at.getTime() - b.at.getTime());

  /** MRR of a studio just before `t` (its last change strictly before; 0 before any). */
  const mrrBefore = (rows: HistoryRow[], t: number): number => {
    let mrr = 0;
    for (const row of rows) {
      if (row.at.getTime() >= t) break;
      mrr = row.mrrCents;
    }
    return mrr;
  };
  const paidBefore = (rows: HistoryRow[] | undefined, t: number) => (rows ?? []).some((r) => r.mrrCents > 0 && r.at.getTime() < t);

  return lastMonthStarts(now, months).map((start) => {
    const startMs = start.getTime();
    const nextMs = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1);
    const endMs = Math.min(nextMs, now.getTime() + 1);
    let mrrCents = 0;
    let activePaying = 0;
    let payingAtStart = 0;
    let churned = 0;
    for (const rows of byStudio.values()) {
      const atEnd = mrrBefore(rows, endMs);
      const atStart = mrrBefore(rows, startMs);
      mrrCents += atEnd;
      if (atEnd > 0) activePaying++;
      if (atStart > 0) {
        payingAtStart++;
        if (atEnd === 0) churned++;
      }
    }
    let trialsEnded = 0;
    let trialsConverted = 0;
    for (const trial of trials) {
      const end = trial.trialEndsAt?.getTime();
      if (end === undefined || end < startMs || end >= endMs) continue;
      trialsEnded++;
      if (paidBefore(byStudio.get(trial.studioId), endMs)) trialsConverted++;
    }
    return {
      month: monthKey(start),
      mrrCents,
      arrCents: 12 * mrrCents,
      activePaying,
      trialsEnded,
      trialsConverted,
      conversionRate: trialsEnded === 0 ? null : trialsConverted / trialsEnded,
      payingAtStart,
      churned,
      churnRate: payingAtStart === 0 ? null : churned / payingAtStart,
    };
  });
}
