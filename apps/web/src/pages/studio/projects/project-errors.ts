/**
 * API refusals of the projects domain carry a `reason` (board_changed, splits_over_100…): each has its
 * own sentence in `projects.errors.<reason>`; anything else gets the common message for its code.
 */
import type { TFunction } from 'i18next';
import { apiErrorMessage, readApiError } from '@/lib/trpc/errors.ts';

export function projectErrorMessage(t: TFunction, error: unknown): string {
  const { params } = readApiError(error);
  const fallback = apiErrorMessage(t, error);
  if (typeof params.reason !== 'string') return fallback;
  return t(`projects.errors.${params.reason}`, { ...params, defaultValue: fallback });
}

export function errorReason(error: unknown): string | null {
  const { params } = readApiError(error);
  return typeof params.reason === 'string' ? params.reason : null;
}
