/**
 * Sends mail through SMTP (nodemailer) when SMTP_URL is set. Every mail is
 * also recorded in the control database's outbox; with no SMTP configured
 * the outbox is where mail goes, and the operator reads it in the app.
 *
 * Attachments are either small inline text (an .ics invitation) or a reference to a stored file (an issued
 * PDF): the outbox, in the small shared control database, records the reference only, and the file is read
 * from file storage, once, when the mail leaves over SMTP. A stored file that is missing, or no longer the
 * file referenced (size or sha-256), fails the mail with a logged error: it is never sent without it.
 */
import { createHash } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import { eq } from 'drizzle-orm';
import { control } from '@rsm/db';
import type { Locale } from '@rsm/shared/schemas';
import type { Config } from '../../config/env.ts';
import type { ControlDb } from '../postgres/control-db.ts';
import type { Logger } from '../observability/logger.ts';
import type { FileStorage } from '../storage/file-storage.ts';
import { keyBelongsToStudio } from '../storage/keys.ts';
import { fileStorage } from '../storage/storage.ts';
import { renderMail, senderFor, type TemplateName } from './templates.ts';
import type { ReplyToResolver } from './studio-reply-to.ts';

/** Small content carried in the mail itself (and in its outbox row). */
export interface InlineMailAttachment {
  filename: string;
  contentType: string;
  /** Text as is, or (with `encoding: 'base64'`: outbox rows written before stored attachments) base64 binary. */
  content: string;
  encoding?: 'base64';
}

/** A file of the mail's studio in file storage, read when the mail leaves; the outbox keeps only this reference. */
export interface StoredMailAttachment {
  filename: string;
  contentType: string;
  /** A key of the mail's studio (`studios/<studioId>/…`): checked against the mail's `studioId` before any read. */
  storageKey: string;
  sizeBytes: number;
  /** Hex sha-256 of the file's bytes: the file sent must be exactly the one referenced. */
  sha256: string;
}

export type MailAttachment = InlineMailAttachment | StoredMailAttachment;

/** Inline content above this is refused: a file that large belongs in file storage, referenced (the outbox stays small). */
export const MAX_INLINE_ATTACHMENT_BYTES = 64 * 1024;

export const isStoredAttachment = (a: MailAttachment): a is StoredMailAttachment => 'storageKey' in a;

/** A stored attachment that cannot be sent as referenced (missing, another studio's, changed). */
export class MailAttachmentError extends Error {
  constructor(
    message: string,
    readonly storageKey: string,
  ) {
    super(message);
    this.name = 'MailAttachmentError';
  }
}

/** What nodemailer is given for one attachment. */
interface ResolvedAttachment {
  filename: string;
  contentType: string;
  content: string | Buffer;
  encoding?: 'base64';
}

export interface MailRequest {
  to: string;
  attachments?: MailAttachment[];
  template: TemplateName;
  locale: Locale;
  params: Record<string, string>;
  studioId?: string | null;
  /** For mail sent by recorded work (the outbox): a mail with a key already used is not sent again. */
  idempotencyKey?: string;
}

/** The idempotency key of one mail sent by recorded work (`prefix` names the work), or nothing outside it. */
export function mailKeyFor(prefix: string | undefined, template: string, to: string): { idempotencyKey?: string } {
  return prefix ? { idempotencyKey: `${prefix}:${template}:${to.toLowerCase()}` } : {};
}

/** What the outbox row keeps of an attachment: inline text as is, a stored file as its reference only (never its bytes). */
function outboxAttachment(a: MailAttachment): MailAttachment {
  if (!isStoredAttachment(a)) return a;
  return { filename: a.filename, contentType: a.contentType, storageKey: a.storageKey, sizeBytes: a.sizeBytes, sha256: a.sha256 };
}

/** The whole stored file, read once. */
async function readStored(storage: FileStorage, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await storage.get(key)) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

export class Mailer {
  /** nodemailer (~14 MiB at import) is loaded only when SMTP is configured: the outbox mode never needs it. */
  private readonly transport: Promise<Transporter> | null;

  constructor(
    private readonly config: Config,
    private readonly db: ControlDb,
    private readonly logger: Logger,
    /** The studio's contact address for Reply-To (SMTP only: the outbox has no headers). */
    private readonly replyToFor: ReplyToResolver | null = null,
    /** Where stored attachments are read from (the server's file storage). */
    private readonly storage: FileStorage = fileStorage(config),
  ) {
    const url = config.SMTP_URL;
    this.transport = url ? import('nodemailer').then((nodemailer) => nodemailer.default.createTransport(url)) : null;
  }

  get mode(): 'smtp' | 'outbox' {
    return this.transport ? 'smtp' : 'outbox';
  }

  async send(request: MailRequest): Promise<void> {
    for (const a of request.attachments ?? []) {
      // A programming error, refused before anything is recorded: large content is referenced, never inlined.
      if (!isStoredAttachment(a) && Buffer.byteLength(a.content) > MAX_INLINE_ATTACHMENT_BYTES)
        throw new Error(`mail attachment ${a.filename} is too large to be inlined: store it and attach a reference`);
    }
    const mail = renderMail(request.template, request.locale, request.params);
    const row = {
      toAddress: request.to,
      subject: mail.subject,
      textBody: mail.text,
      htmlBody: mail.html,
      template: request.template,
      studioId: request.studioId ?? null,
      transport: this.mode,
      attachments: (request.attachments ?? []).map(outboxAttachment),
      idempotencyKey: request.idempotencyKey ?? null,
    };
    let id: string | null = null;
    if (request.idempotencyKey) {
      // Claimed before sending: a second run of the same work finds the key taken and sends nothing (at most once).
      const [claimed] = await this.db.insert(control.mailOutbox).values(row).onConflictDoNothing().returning({ id: control.mailOutbox.id });
      if (!claimed) return;
      id = claimed.id;
    }
    const error = await this.deliver(request, mail);
    if (id === null) await this.db.insert(control.mailOutbox).values({ ...row, error });
    else if (error !== null) await this.db.update(control.mailOutbox).set({ error }).where(eq(control.mailOutbox.id, id));
  }

  /** SMTP delivery when configured; returns the error to record, or null. */
  private async deliver(request: MailRequest, mail: ReturnType<typeof renderMail>): Promise<string | null> {
    let attachments: ResolvedAttachment[];
    try {
      // In outbox mode the stored files are checked (present, of the referenced size) but not read.
      attachments = await this.resolveAttachments(request, this.transport !== null);
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      this.logger.error(
        { template: request.template, studioId: request.studioId ?? null, storageKey: e instanceof MailAttachmentError ? e.storageKey : null, err: error },
        'mail not sent: an attachment is unavailable',
      );
      return error;
    }
    if (!this.transport) return null;
    try {
      const replyTo = request.studioId ? await this.studioReplyTo(request.studioId) : null;
      const transport = await this.transport;
      await transport.sendMail({
        from: senderFor(this.config.MAIL_FROM, mail.studio),
        ...(replyTo ? { replyTo } : {}),
        to: request.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        ...(attachments.length > 0 ? { attachments } : {}),
      });
      return null;
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      this.logger.error({ template: request.template, err: error }, 'mail delivery failed');
      return error;
    }
  }

  /** The attachments as nodemailer takes them; each stored file read once (when `read`), and checked against its reference. */
  private async resolveAttachments(request: MailRequest, read: boolean): Promise<ResolvedAttachment[]> {
    const resolved: ResolvedAttachment[] = [];
    for (const a of request.attachments ?? []) {
      if (!isStoredAttachment(a)) {
        resolved.push({ filename: a.filename, contentType: a.contentType, content: a.content, ...(a.encoding ? { encoding: a.encoding } : {}) });
        continue;
      }
      const fail = (why: string) => new MailAttachmentError(`attachment ${a.filename}: ${why}`, a.storageKey);
      if (!request.studioId || !keyBelongsToStudio(a.storageKey, request.studioId))
        throw fail(`stored file ${a.storageKey} is not a file of the mail's studio`);
      let stat: Awaited<ReturnType<FileStorage['stat']>>;
      try {
        stat = await this.storage.stat(a.storageKey);
      } catch (e) {
        throw fail(`stored file ${a.storageKey} could not be looked up (${e instanceof Error ? e.message : String(e)})`);
      }
      if (!stat) throw fail(`stored file ${a.storageKey} is missing`);
      if (stat.size !== a.sizeBytes) throw fail(`stored file ${a.storageKey} has ${stat.size} bytes, ${a.sizeBytes} expected`);
      if (!read) continue;
      let content: Buffer;
      try {
        content = await readStored(this.storage, a.storageKey);
      } catch (e) {
        throw fail(`stored file ${a.storageKey} could not be read (${e instanceof Error ? e.message : String(e)})`);
      }
      if (content.length !== a.sizeBytes || createHash('sha256').update(content).digest('hex') !== a.sha256)
        throw fail(`stored file ${a.storageKey} is not the file referenced (size or sha-256 differs)`);
      resolved.push({ filename: a.filename, contentType: a.contentType, content });
    }
    return resolved;
  }

  /** A lookup that fails costs the Reply-To header, never the mail. */
  private async studioReplyTo(studioId: string): Promise<string | null> {
    if (!this.replyToFor) return null;
    try {
      return await this.replyToFor(studioId);
    } catch (e) {
      this.logger.warn({ err: e instanceof Error ? e.message : String(e), studioId }, 'studio contact address not found for Reply-To');
      return null;
    }
  }

  close(): void {
    void this.transport?.then((transport) => transport.close());
  }
}
