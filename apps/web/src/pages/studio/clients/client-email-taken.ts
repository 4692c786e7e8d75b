import { readApiError } from '@/lib/trpc/errors.ts';

/** The client who already has the e-mail address a save was refused for (CONFLICT `client_email_taken`), if any. */
export function emailHolderOf(error: unknown): { id: string; name: string } | null {
  const { appCode, params } = readApiError(error);
  if (appCode !== 'CONFLICT' || params.reason !== 'client_email_taken') return null;
  return typeof params.clientId === 'string' && typeof params.clientName === 'string' ? { id: params.clientId, name: params.clientName } : null;
}
