import type { Plan } from '@rsm/shared/plans';

/** A plan's name as the messages print it (the same in English and French). */
export function planName(plan: Plan): string {
  return plan === 'starter' ? 'Starter' : plan === 'pro' ? 'Pro' : 'Enterprise';
}
