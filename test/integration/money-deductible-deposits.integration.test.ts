/**
 * The editor's "Deposits to deduct" (money.documents.deductibleDeposits): a client's issued deposit invoices that
 * no other final invoice deducts, the draft's own choices kept while it is edited, and never another client's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { createStudio, withStudioDb, type Studio } from '../support/studios.ts';
import { completeBillingDetails, insertClient, rateId } from '../support/money.ts';

let server: TestServer;
let studio: Studio;
let ondes: string;
let bleu: string;
let vatRateId: string;

type Deposit = { id: string; number: string; amountCents: number; chosen: boolean };

beforeAll(async () => {
  server = await createTestServer();
  studio = await createStudio(server);
  await withStudioDb(server, studio.id, async (db) => {
    await completeBillingDetails(db);
    ondes = await insertClient(db, 'Les Ondes');
    bleu = await insertClient(db, 'Bleu Records');
    vatRateId = await rateId(db, 2000);
  });
}, 60_000);
afterAll(async () => {
  await server?.close();
});

const line = (unitPriceCents: number) => ({ source: 'free', description: 'Album deposit', quantity: 1000, unit: 'item', unitPriceCents, vatRateId });

async function draft(kind: string, clientId: string, netCents: number, depositInvoiceIds: string[] = []): Promise<string> {
  const created = await studio.owner.mutate<{ id: string }>(
    'money.documents.createDraft',
    { kind, clientId, lines: [line(netCents)], depositInvoiceIds },
    studio.slug,
  );
  expect(created.error, JSON.stringify(created.error)).toBeUndefined();
  return created.data!.id;
}

async function issued(kind: string, clientId: string, netCents: number): Promise<string> {
  const id = await draft(kind, clientId, netCents);
  const done = await studio.owner.mutate('money.documents.issue', { id }, studio.slug);
  expect(done.error, JSON.stringify(done.error)).toBeUndefined();
  return id;
}

const deductible = async (clientId: string, draftId?: string) =>
  (await studio.owner.query<Deposit[]>('money.documents.deductibleDeposits', { clientId, ...(draftId ? { draftId } : {}) }, studio.slug)).data!;

describe('deposits a final invoice may deduct', () => {
  it('offers the issued ones no other final invoice deducts, keeps a draft its own, and never another client’s', async () => {
    const first = await issued('deposit_invoice', ondes, 30000); // 360.00 incl. VAT
    const second = await issued('deposit_invoice', ondes, 10000);
    await draft('deposit_invoice', ondes, 5000); // a draft deposit invoice is not deductible
    const theirs = await issued('deposit_invoice', bleu, 20000);

    const offered = await deductible(ondes);
    expect(offered.map((d) => d.id).sort()).toEqual([first, second].sort());
    expect(offered.find((d) => d.id === first)).toMatchObject({ amountCents: 36000, chosen: false });

    // A final invoice's draft deducts the first: no longer offered to others, still offered (ticked) to that draft.
    const finalDraft = await draft('final_invoice', ondes, 100000, [first]);
    expect((await deductible(ondes)).map((d) => d.id)).toEqual([second]);
    const forDraft = await deductible(ondes, finalDraft);
    expect(forDraft.map((d) => [d.id, d.chosen]).sort()).toEqual(
      [
        [first, true],
        [second, false],
      ].sort(),
    );

    // Another client's deposit invoice is neither offered nor accepted.
    expect((await deductible(ondes)).map((d) => d.id)).not.toContain(theirs);
    const refused = await studio.owner.mutate(
      'money.documents.createDraft',
      { kind: 'final_invoice', clientId: ondes, lines: [line(100000)], depositInvoiceIds: [theirs] },
      studio.slug,
    );
    expect(refused.error).toBeDefined();
  });
});
