/**
 * Turns the lines a user asked for into the lines stored on a draft: a catalogue item brings its price, unit and
 * VAT rate; a booked session brings the price stored on it when it was booked (never re-priced) and its date,
 * room and engineers as its description; a free line brings its own. The VAT rate's percentage and category are
 * copied onto the line, and every amount comes from computeTotals — the one place amounts are computed.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { computeTotals, TotalsError, type Discount, type DocumentTotals } from '@rsm/shared/money-totals';
import type { LineInput } from '@rsm/shared/money-documents-schemas';
import { AppError } from '../../../platform/errors.ts';
import type { TenantDb } from '../../../platform/tenancy/directory.ts';
import type { TenantTx } from '../numbering/document-number.ts';

type Reader = TenantDb | TenantTx;
export type StoredLine = Omit<typeof tenant.moneyDocumentLines.$inferInsert, 'id' | 'documentId' | 'position'>;
type PricedLine = Omit<StoredLine, 'amountCents' | 'lineDiscountCents' | 'documentDiscountCents' | 'netCents'>;

const invalid = (problem: string) => new AppError('DOCUMENT_INVALID', problem, { problems: problem });

export function toDiscount(kind: 'percent' | 'amount' | null, value: number | null): Discount | null {
  if (kind === null || value === null) return null;
  return kind === 'percent' ? { kind, basisPoints: value } : { kind, cents: value };
}

export function fromDiscount(discount: Discount | null | undefined): { kind: 'percent' | 'amount' | null; value: number | null } {
  if (!discount) return { kind: null, value: null };
  return discount.kind === 'percent' ? { kind: 'percent', value: discount.basisPoints } : { kind: 'amount', value: discount.cents };
}

async function rateOf(db: Reader, vatRateId: string) {
  const [rate] = await db.select().from(tenant.vatRates).where(eq(tenant.vatRates.id, vatRateId));
  if (!rate) throw invalid('unknown VAT rate');
  // An archived rate stays on documents that already carry it, but is not offered for new lines.
  if (rate.archivedAt) throw new AppError('VAT_RATE_ARCHIVED', 'This VAT rate is archived');
  return rate;
}

async function defaultRate(db: Reader) {
  const [rate] = await db.select().from(tenant.vatRates).where(eq(tenant.vatRates.isDefault, true));
  if (!rate) throw new Error('no default VAT rate (migration 0017 creates one and a trigger keeps it)');
  return rate;
}

/** "Tue 3 Mar 2026, 10:00–14:00 · Live room · Alex": what a client recognises on the invoice. */
function sessionDescription(title: string, startsAt: Date, endsAt: Date, room: string, engineers: string[], timeZone: string, locale: string): string {
  const day = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(startsAt);
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit' });
  const parts = [`${day}, ${time.format(startsAt)}–${time.format(endsAt)}`, room, ...(engineers.length ? [engineers.join(', ')] : [])];
  return `${title}\n${parts.join(' · ')}`;
}

async function sessionLine(db: Reader, sessionId: string, clientId: string, zone: { timeZone: string; locale: string; currency: string }): Promise<PricedLine> {
  const [session] = await db
    .select({ s: tenant.sessions, room: tenant.rooms.name })
    .from(tenant.sessions)
    .innerJoin(tenant.rooms, eq(tenant.rooms.id, tenant.sessions.roomId))
    .where(eq(tenant.sessions.id, sessionId));
  if (!session) throw invalid('unknown session');
  if (session.s.clientId !== clientId) throw invalid('the session was booked for another client');
  if (session.s.status === 'cancelled') throw invalid('a cancelled session is not invoiced as booked');
  if (session.s.currency !== zone.currency) throw invalid('the session was priced in another currency');
  const engineers = await db
    .select({ name: tenant.engineers.name })
    .from(tenant.sessionResources)
    .innerJoin(tenant.engineers, eq(tenant.engineers.id, tenant.sessionResources.resourceId))
    .where(and(eq(tenant.sessionResources.sessionId, sessionId), eq(tenant.sessionResources.kind, 'engineer')));
  const rate = await defaultRate(db);
  return {
    source: 'session',
    sessionId,
    catalogueItemId: null,
    description: sessionDescription(
      session.s.title,
      session.s.startsAt,
      session.s.endsAt,
      session.room,
      engineers.map((e) => e.name),
      zone.timeZone,
      zone.locale,
    ),
    quantity: 1000,
    unit: 'session',
    // The price stored when the session was booked (excluding VAT, like every price in the studio).
    unitPriceCents: session.s.priceCents,
    vatRateId: rate.id,
    vatBasisPoints: rate.basisPoints,
    vatCategory: rate.category,
  };
}

async function pricedLine(db: Reader, line: LineInput, clientId: string, zone: { timeZone: string; locale: string; currency: string }): Promise<PricedLine> {
  const discount = fromDiscount(line.discount);
  const withDiscount = (l: Omit<PricedLine, 'discountKind' | 'discountValue'>): PricedLine => ({
    ...l,
    discountKind: discount.kind,
    discountValue: discount.value,
  });
  if (line.source === 'session') return withDiscount(await sessionLine(db, line.sessionId, clientId, zone));
  if (line.source === 'catalogue') {
    const [item] = await db.select().from(tenant.catalogueItems).where(eq(tenant.catalogueItems.id, line.catalogueItemId));
    if (!item || item.archivedAt) throw invalid('unknown or archived catalogue item');
    const rate = await rateOf(db, item.vatRateId);
    const description = line.description ?? (item.description ? `${item.name}\n${item.description}` : item.name);
    return withDiscount({
      source: 'catalogue',
      catalogueItemId: item.id,
      sessionId: null,
      description,
      quantity: line.quantity,
      unit: item.unit,
      unitPriceCents: item.unitPriceCents,
      vatRateId: rate.id,
      vatBasisPoints: rate.basisPoints,
      vatCategory: rate.category,
    });
  }
  const rate = await rateOf(db, line.vatRateId);
  return withDiscount({
    source: 'free',
    catalogueItemId: null,
    sessionId: null,
    description: line.description,
    quantity: line.quantity,
    unit: line.unit,
    unitPriceCents: line.unitPriceCents,
    vatRateId: rate.id,
    vatBasisPoints: rate.basisPoints,
    vatCategory: rate.category,
  });
}

/** The totals of stored lines, through computeTotals; bad input (a discount above its line…) is a clear refusal. */
export function totalsOf(lines: readonly PricedLine[], documentDiscount: Discount | null): DocumentTotals {
  try {
    return computeTotals(
      lines.map((l) => ({
        quantity: l.quantity,
        unitPriceCents: l.unitPriceCents,
        vatRateBasisPoints: l.vatBasisPoints,
        discount: toDiscount(l.discountKind ?? null, l.discountValue ?? null),
      })),
      documentDiscount,
    );
  } catch (error) {
    if (error instanceof TotalsError) throw invalid(error.message);
    throw error;
  }
}

export async function resolveLines(
  db: Reader,
  lines: readonly LineInput[],
  clientId: string,
  documentDiscount: Discount | null,
  zone: { timeZone: string; locale: string; currency: string },
): Promise<{ lines: StoredLine[]; totals: DocumentTotals }> {
  const sessionIds = lines.flatMap((l) => (l.source === 'session' ? [l.sessionId] : []));
  if (new Set(sessionIds).size !== sessionIds.length) throw invalid('a session appears twice');
  const priced: PricedLine[] = [];
  for (const line of lines) priced.push(await pricedLine(db, line, clientId, zone));
  const totals = totalsOf(priced, documentDiscount);
  return {
    totals,
    lines: priced.map((l, i) => {
      const t = totals.lines[i]!;
      return { ...l, amountCents: t.amountCents, lineDiscountCents: t.lineDiscountCents, documentDiscountCents: t.documentDiscountCents, netCents: t.netCents };
    }),
  };
}

/** The sessions already on another live document of the same kind family (a session is invoiced once). */
export async function sessionsAlreadyBilled(db: Reader, sessionIds: string[], exceptDocumentId: string | null, kinds: string[]): Promise<string[]> {
  if (sessionIds.length === 0) return [];
  const rows = await db
    .select({ sessionId: tenant.moneyDocumentLines.sessionId, documentId: tenant.moneyDocuments.id })
    .from(tenant.moneyDocumentLines)
    .innerJoin(tenant.moneyDocuments, eq(tenant.moneyDocuments.id, tenant.moneyDocumentLines.documentId))
    .where(and(inArray(tenant.moneyDocumentLines.sessionId, sessionIds), inArray(tenant.moneyDocuments.kind, kinds as never[])));
  return rows.filter((r) => r.documentId !== exceptDocumentId && r.sessionId).map((r) => r.sessionId!);
}
