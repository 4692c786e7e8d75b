/** The plan's monthly session allowance as the dashboard and the calendar show it. */
export interface SessionUsage {
  used: number;
  /** null: unlimited on this plan. */
  limit: number | null;
  /** The server's own call: from 80 % of the limit on. */
  warning: boolean;
}

export type UsageLevel = { kind: 'unlimited' } | { kind: 'ok' | 'warning' | 'full'; percent: number; left: number };

export function usageLevel(usage: SessionUsage): UsageLevel {
  if (usage.limit === null) return { kind: 'unlimited' };
  const percent = usage.limit > 0 ? Math.min(100, Math.round((usage.used / usage.limit) * 100)) : 100;
  const left = Math.max(0, usage.limit - usage.used);
  if (left === 0) return { kind: 'full', percent, left };
  return { kind: usage.warning ? 'warning' : 'ok', percent, left };
}
