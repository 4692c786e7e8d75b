/**
 * Sends mail through SMTP (nodemailer) when SMTP_URL is set. Every mail is
 * also recorded in the control database's outbox; with no SMTP configured
 * the outbox is where mail goes, and the operator reads it in the app.
 */
import nodemailer, { type Transporter } from 'nodemailer';
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
  content: string;
}

export interface MailRequest {
  to: string;
  attachments?: MailAttachment[];
  template: TemplateName;
  locale: Locale;
  params: Record<string, string>;
  studioId?: string | null;
}

export class Mailer {
  private readonly transport: Transporter | null;

  constructor(
    private readonly config: Config,
    private readonly db: ControlDb,
    private readonly logger: Logger,
    /** The studio's contact address for Reply-To (SMTP only: the outbox has no headers). */
    private readonly replyToFor: ReplyToResolver | null = null,
  ) {
    this.transport = config.SMTP_URL ? nodemailer.createTransport(config.SMTP_URL) : null;
  }

  get mode(): 'smtp' | 'outbox' {
    return this.transport ? 'smtp' : 'outbox';
  }

  async send(request: MailRequest): Promise<void> {
    const mail = renderMail(request.template, request.locale, request.params);
    let error: string | null = null;
    if (this.transport) {
      try {
        const replyTo = request.studioId ? await this.studioReplyTo(request.studioId) : null;
        await this.transport.sendMail({
          from: senderFor(this.config.MAIL_FROM, mail.studio),
          ...(replyTo ? { replyTo } : {}),
          to: request.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          attachments: request.attachments?.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
        });
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
        this.logger.error({ template: request.template, err: error }, 'mail delivery failed');
      }
    }
    await this.db.insert(control.mailOutbox).values({
      toAddress: request.to,
      subject: mail.subject,
      textBody: mail.text,
      htmlBody: mail.html,
      template: request.template,
      studioId: request.studioId ?? null,
      transport: this.mode,
      attachments: request.attachments ?? [],
      error,
    });
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
    this.transport?.close();
  }
}
