/** The mail outbox, for the platform operator (and tests): newest first, keyset-paginated. */
import { desc, lt } from 'drizzle-orm';
import { control } from '@rsm/db';
import type { Platform } from '../../platform/platform.ts';

export async function listOutbox(platform: Platform, input: { limit: number; cursor?: string | undefined }) {
  const rows = await platform.controlDb
    .select()
    .from(control.mailOutbox)
    .where(input.cursor ? lt(control.mailOutbox.createdAt, new Date(input.cursor)) : undefined)
    .orderBy(desc(control.mailOutbox.createdAt))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit).map((r) => ({
    id: r.id,
    to: r.toAddress,
    subject: r.subject,
    textBody: r.textBody,
    htmlBody: r.htmlBody,
    template: r.template,
    createdAt: r.createdAt.toISOString(),
  }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > input.limit && last ? last.createdAt : null };
}
