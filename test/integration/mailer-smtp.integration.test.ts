/**
 * With SMTP_URL set, mail goes out over SMTP (to a stand-in SMTP server that exists only in this test)
 * and is still recorded in the outbox; a failing SMTP server is recorded as an error, never lost silently.
 */
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { desc } from 'drizzle-orm';
import { control } from '@rsm/db';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { ApiClient, signUpStudio } from '../support/api.ts';
import { freePort } from '../support/free-port.ts';

interface Received {
  to: string[];
  raw: string;
}
const received: Received[] = [];
let smtp: SMTPServer;
let port: number;
let server: TestServer;

beforeAll(async () => {
  port = await freePort();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString()));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(port, '127.0.0.1', r));
  server = await createTestServer({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Studio Manager <no-reply@example.test>' });
});
afterAll(async () => {
  await server?.close();
  await new Promise<void>((r) => smtp.close(r));
});

it('delivers an invitation over SMTP in the studio language and records it in the outbox', async () => {
  const owner = new ApiClient(server.app);
  const studio = await signUpStudio(owner);
  await owner.mutate('studio.update', { name: studio.studioName, slug: studio.slug, timeZone: 'Europe/Paris', currency: 'EUR', locale: 'fr' }, studio.slug);
  const invited = await owner.mutate<{ inviteUrl: string }>('members.invite', { email: 'new.engineer@example.test', role: 'engineer' }, studio.slug);
  expect(invited.status).toBe(200);
  // with SMTP the link goes only to the invitee's mailbox, not back to the inviter
  expect(invited.data!.inviteUrl).toBeNull();
  const [row] = await server.platform.controlDb.select().from(control.mailOutbox).orderBy(desc(control.mailOutbox.createdAt)).limit(1);
  expect(row).toMatchObject({ toAddress: 'new.engineer@example.test', transport: 'smtp', error: null, template: 'invitation' });
  expect(row!.subject).toContain('vous invite');
  const token = /\/invite\?token=([A-Za-z0-9_-]+)/.exec(row!.textBody)?.[1];
  expect(token).toBeDefined();
  const mail = received.find((m) => m.to.includes('new.engineer@example.test'));
  expect(mail).toBeDefined();
  const decoded = mail!.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  expect(decoded).toContain(`invite?token=${token}`);
});

it("answers to the studio's contact address when it has one, and has no Reply-To when it has none", async () => {
  const owner = new ApiClient(server.app);
  const studio = await signUpStudio(owner);
  const invite = async (email: string) => {
    expect((await owner.mutate('members.invite', { email, role: 'engineer' }, studio.slug)).status).toBe(200);
    const mail = received.find((m) => m.to.includes(email));
    expect(mail).toBeDefined();
    return mail!.raw.split(/\r?\n\r?\n/)[0]!; // the headers
  };
  expect(await invite('no-contact@example.test')).not.toMatch(/^Reply-To:/im);
  const saved = await owner.mutate(
    'studio.update',
    { name: studio.studioName, slug: studio.slug, timeZone: 'Europe/Paris', currency: 'EUR', locale: 'en', email: 'bookings@studio.example.test' },
    studio.slug,
  );
  expect(saved.error).toBeUndefined();
  const headers = await invite('with-contact@example.test');
  expect(headers).toMatch(/^Reply-To: bookings@studio\.example\.test$/im);
  expect(headers).toMatch(/^From: .*no-reply@example\.test/im);
});

it('records a delivery failure instead of losing the mail', async () => {
  const broken = await createTestServer({ SMTP_URL: `smtp://127.0.0.1:${await freePort()}` });
  try {
    const client = new ApiClient(broken.app);
    await signUpStudio(client, { email: 'welcome-fails@example.test' });
    const [row] = await broken.platform.controlDb.select().from(control.mailOutbox).orderBy(desc(control.mailOutbox.createdAt)).limit(1);
    expect(row).toMatchObject({ toAddress: 'welcome-fails@example.test', transport: 'smtp', template: 'welcome' });
    expect(row!.error).toMatch(/ECONNREFUSED|connect/i);
  } finally {
    await broken.close();
  }
});
