import { describe, expect, it } from 'vitest';
import { lastMonthStarts, saasMetrics, type HistoryRow } from './saas-metrics.ts';

const d = (iso: string) => new Date(iso);
const NOW = d('2026-12-15T12:00:00Z');
const row = (studioId: string, at: string, mrrCents: number): HistoryRow => ({ studioId, at: d(at), mrrCents });

describe('saasMetrics', () => {
  it('covers the last 12 UTC months, oldest first, the current one last', () => {
    expect(lastMonthStarts(NOW).map((m) => m.toISOString().slice(0, 7))).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
    expect(saasMetrics([], [], NOW).every((m) => m.mrrCents === 0 && m.conversionRate === null && m.churnRate === null)).toBe(true);
  });

  it('counts MRR, ARR and paying studios at each month end, from the last change before it', () => {
    const history = [
      row('a', '2025-06-01T00:00:00Z', 0), // trial
      row('a', '2025-06-15T00:00:00Z', 9900), // Pro monthly, paying since before the window
      row('b', '2026-03-10T00:00:00Z', 2900), // Starter from March
      row('b', '2026-05-20T00:00:00Z', 24917), // Enterprise yearly (299 × 10 / 12) from May
      row('c', '2026-12-14T00:00:00Z', 9900), // paying since yesterday
    ];
    const months = new Map(saasMetrics(history, [], NOW).map((m) => [m.month, m]));
    expect(months.get('2026-01')).toMatchObject({ mrrCents: 9900, arrCents: 118800, activePaying: 1 });
    expect(months.get('2026-03')).toMatchObject({ mrrCents: 12800, arrCents: 153600, activePaying: 2 });
    expect(months.get('2026-05')).toMatchObject({ mrrCents: 9900 + 24917, activePaying: 2 });
    expect(months.get('2026-12')).toMatchObject({ mrrCents: 9900 + 24917 + 9900, arrCents: 12 * (9900 + 24917 + 9900), activePaying: 3 });
  });

  it('a change exactly at a month start belongs to that month, not the one before', () => {
    const months = new Map(saasMetrics([row('a', '2026-04-01T00:00:00Z', 2900)], [], NOW).map((m) => [m.month, m]));
    expect(months.get('2026-03')!.mrrCents).toBe(0);
    expect(months.get('2026-04')).toMatchObject({ mrrCents: 2900, payingAtStart: 0 });
    expect(months.get('2026-05')).toMatchObject({ payingAtStart: 1, churned: 0, churnRate: 0 });
  });

  it('churn: paying at the month start and not at its end, over paying at the start', () => {
    const history = [
      row('a', '2026-01-05T00:00:00Z', 9900),
      row('b', '2026-01-05T00:00:00Z', 2900),
      row('c', '2026-01-05T00:00:00Z', 2900),
      row('d', '2026-01-05T00:00:00Z', 2900),
      row('a', '2026-07-10T00:00:00Z', 0), // canceled in July
      row('b', '2026-07-20T00:00:00Z', 0), // canceled in July…
      row('b', '2026-07-25T00:00:00Z', 2900), // …and back before the month ends: not churned
      row('c', '2026-08-02T00:00:00Z', 0), // canceled in August
    ];
    const months = new Map(saasMetrics(history, [], NOW).map((m) => [m.month, m]));
    expect(months.get('2026-06')).toMatchObject({ payingAtStart: 4, churned: 0, churnRate: 0 });
    expect(months.get('2026-07')).toMatchObject({ payingAtStart: 4, churned: 1, churnRate: 0.25, activePaying: 3, mrrCents: 2900 * 3 });
    expect(months.get('2026-08')).toMatchObject({ payingAtStart: 3, churned: 1, churnRate: 1 / 3, activePaying: 2 });
    expect(months.get('2026-01')).toMatchObject({ payingAtStart: 0, churnRate: null });
  });

  it('conversion: of the trials that ended in the month, those paid before its end', () => {
    const history = [
      row('p', '2026-10-03T00:00:00Z', 2900), // paid during its trial
      row('q', '2026-10-20T00:00:00Z', 9900), // paid after its trial ended, same month
      row('s', '2026-11-02T00:00:00Z', 9900), // paid the month after: not converted in October
    ];
    const trials = [
      { studioId: 'p', trialEndsAt: d('2026-10-10T00:00:00Z') },
      { studioId: 'q', trialEndsAt: d('2026-10-12T00:00:00Z') },
      { studioId: 'r', trialEndsAt: d('2026-10-25T00:00:00Z') }, // never paid
      { studioId: 's', trialEndsAt: d('2026-10-28T00:00:00Z') },
      { studioId: 't', trialEndsAt: d('2026-12-20T00:00:00Z') }, // still in its trial: not counted yet
      { studioId: 'u', trialEndsAt: null },
    ];
    const months = new Map(saasMetrics(history, trials, NOW).map((m) => [m.month, m]));
    expect(months.get('2026-10')).toMatchObject({ trialsEnded: 4, trialsConverted: 2, conversionRate: 0.5 });
    expect(months.get('2026-11')).toMatchObject({ trialsEnded: 0, conversionRate: null });
    expect(months.get('2026-12')).toMatchObject({ trialsEnded: 0, trialsConverted: 0 });
  });
});
