/**
 * A server killed in the middle of issuing an invoice leaves no gap (issue 11): the process is stopped with
 * SIGKILL after it took the number, rendered and stored the PDF and wrote the rows, before the commit. After a
 * restart nothing of that issue remains — the draft is still a draft — and the next issue gets that same number.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createServerHome, HttpApiClient, PROCESS_TEST_TIMEOUT_MS, startServerProcess, type ServerHome } from '../support/server-process.ts';
import { uniqueEmail } from '../support/api.ts';
import { issueYear } from '../support/money.ts';

const BILLING = {
  legalName: 'Crash Sound SARL',
  addressLine1: '1 rue du Test',
  postalCode: '75011',
  city: 'Paris',
  country: 'FR',
  vatNumber: 'FR12345678901',
  registrationNumber: '12345678900012',
  legalForm: 'SARL',
  iban: 'FR7630006000011234567890189',
  bic: 'BNPAFRPP',
  paymentTermsDays: 30,
  invoicePrefix: 'F',
  creditNotePrefix: 'AV',
  quotePrefix: 'D',
};

describe('issuing, killed before the commit', () => {
  let home: ServerHome;
  afterAll(async () => home?.remove());

  it(
    'burns no number and leaves the draft a draft',
    async () => {
      home = await createServerHome();
      const first = await startServerProcess(home, { pauseAt: 'money.issue.before-commit' });
      const api = new HttpApiClient(first.url);
      const signUp = await api.mutate<{ studioSlug: string }>('auth.signUp', {
        name: 'Owner',
        email: uniqueEmail('money-crash'),
        password: 'correct horse battery',
        studioName: 'Crash Money',
      });
      const slug = signUp.data!.studioSlug;
      expect((await api.mutate('money.billingDetails.update', BILLING, slug)).error).toBeUndefined();
      const clientId = (
        await api.mutate<{ id: string }>(
          'clients.create',
          { name: 'Lou', kind: 'person', email: 'lou-crash@example.test', addressLine1: '3 quai Ouest', postalCode: '69002', city: 'Lyon', country: 'FR' },
          slug,
        )
      ).data!.id;
      const rates = (await api.query<{ id: string; basisPoints: number }[]>('money.vatRates.list', {}, slug)).data!;
      const vatRateId = rates.find((r) => r.basisPoints === 2000)!.id;
      const lines = [{ source: 'free', description: 'Mixing', quantity: 2000, unit: 'hour', unitPriceCents: 5000, vatRateId }];
      const drafted = await api.mutate<{ id: string }>('money.documents.createDraft', { kind: 'invoice', clientId, lines }, slug);
      expect(drafted.error).toBeUndefined();
      const id = drafted.data!.id;

      const issuing = api.mutate('money.documents.issue', { id }, slug);
      void issuing.catch(() => undefined); // the answer never comes: the server dies while it waits
      // Had the issue been refused, its answer would say why (instead of a bare time-out waiting for the pause).
      await Promise.race([first.paused(), issuing.then((answer) => Promise.reject(new Error(`issue answered: ${JSON.stringify(answer)}`)))]);
      await first.kill();

      const second = await startServerProcess(home);
      try {
        const again = new HttpApiClient(second.url);
        again.cookie = api.cookie;
        const doc = await again.query<{ status: string; number: string | null }>('money.documents.get', { id }, slug);
        expect(doc.data).toMatchObject({ status: 'draft', number: null });
        const year = issueYear();
        expect((await again.mutate<{ number: string }>('money.documents.issue', { id }, slug)).data?.number).toBe(`F-${year}-0001`);
        const next = await again.mutate<{ id: string }>('money.documents.createDraft', { kind: 'invoice', clientId, lines }, slug);
        expect((await again.mutate<{ number: string }>('money.documents.issue', { id: next.data!.id }, slug)).data?.number).toBe(`F-${year}-0002`);
      } finally {
        await second.stop();
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
