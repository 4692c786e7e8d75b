/**
 * Sends mail through SMTP (nodemailer) when SMTP_URL is set. Every mail is
 * also recorded in the control database's outbox; with no SMTP configured
 * the outbox is where mail goes, and the operator reads it in the app.
 */
import type { Transporter } from 'nodemailer';
import { eq } from 'drizzle-orm';
import { control } from '@rsm/db';
import type { Locale } from '@rsm/shared/schemas';
import type { Config } from '../../config/env.ts';
import type { ControlDb } from '../postgres/control-db.ts';
import type { Logger } from '../observability/logger.ts';
import { renderMail, senderFor, type TemplateName } from './templates.ts';
import type { ReplyToResolver } from './studio-reply-to.ts';

export interface MailAttachment {
  filename: string;
  contentType: string;
  /** Text as is, or (with `encoding: 'base64'`) binary content such as a PDF, base64-encoded. */
  content: string;
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

export class Mailer {
  /** nodemailer (~14 MiB at import) is loaded only when SMTP is configured: the outbox mode never needs it. */
  private readonly transport: Promise<Transporter> | null;

  constructor(
    private readonly config: Config,
    private readonly db: ControlDb,
    private readonly logger: Logger,
    /** The studio's contact address for Reply-To (SMTP only: the outbox has no headers). */
    private readonly replyToFor: ReplyToResolver | null = null,
  ) {
    const url = config.SMTP_URL;
    this.transport = url ? import('nodemailer').then((nodemailer) => nodemailer.default.createTransport(url)) : null;
  }

  get mode(): 'smtp' | 'outbox' {
    return this.transport ? 'smtp' : 'outbox';
  }

  async send(request: MailRequest): Promise<void> {
    const mail = renderMail(request.template, request.locale, request.params);
    const row = {
      toAddress: request.to,
      subject: mail.subject,
      textBody: mail.text,
      htmlBody: mail.html,
      template: request.template,
      studioId: request.studioId ?? null,
      transport: this.mode,
      attachments: request.attachments ?? [],
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
        attachments: request.attachments?.map((a) => ({
          filename: a.filename,
          content: a.content,
          contentType: a.contentType,
          ...(a.encoding ? { encoding: a.encoding } : {}),
        })),
      });
      return null;
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      this.logger.error({ template: request.template, err: error }, 'mail delivery failed');
      return error;
    }
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
