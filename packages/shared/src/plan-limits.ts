/**
 * What each plan includes, in one table: the server enforces it, the web app shows it.
 * Storage counts every stored file (originals, previews and peaks are small beside them) plus uploads in progress.
 */
export type Plan = 'starter' | 'pro' | 'enterprise';

const GB = 1000 ** 3;

export const PLAN_LIMITS: Record<Plan, { monthlySessions: number | null; storageBytes: number }> = {
  starter: { monthlySessions: 50, storageBytes: 10 * GB },
  pro: { monthlySessions: null, storageBytes: 200 * GB },
  enterprise: { monthlySessions: null, storageBytes: 1000 * GB },
};

export function storageQuotaBytes(plan: Plan): number {
  return PLAN_LIMITS[plan].storageBytes;
}
