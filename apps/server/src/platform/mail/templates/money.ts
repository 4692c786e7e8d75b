/** Mails of the money domain: the receipt a client gets for every payment recorded (by hand or online). */
import type { Locale } from '@rsm/shared/schemas';
import type { Template } from '../templates.ts';

export const MONEY_TEMPLATES = {
  /** Params: `name`, `studio`, `amount`, `number` (the invoice), `date`, `method`, `balance` (what is still due, formatted). */
  'payment-receipt': {
    en: {
      subject: (p) => `Payment received: ${p.amount} for ${p.number}`,
      lines: (p) => [
        `Hello ${p.name},`,
        `${p.studio} received your payment of ${p.amount} (${p.method}) on ${p.date} for ${p.number}.`,
        p.settled === 'yes' ? `${p.number} is now paid in full. Thank you!` : `Still due on ${p.number}: ${p.balance}.`,
        'Keep this e-mail as your receipt. Your invoices are in the client portal.',
      ],
      footer: 'Recording Studio Manager',
    },
    fr: {
      subject: (p) => `Paiement reçu : ${p.amount} pour ${p.number}`,
      lines: (p) => [
        `Bonjour ${p.name},`,
        `${p.studio} a bien reçu votre paiement de ${p.amount} (${p.method}) le ${p.date} pour ${p.number}.`,
        p.settled === 'yes' ? `${p.number} est désormais entièrement réglée. Merci !` : `Reste dû sur ${p.number} : ${p.balance}.`,
        'Conservez cet e-mail comme reçu. Vos factures sont dans votre espace client.',
      ],
      footer: 'Recording Studio Manager',
    },
  },
} satisfies Record<string, Record<Locale, Template>>;

export const PAYMENT_METHOD_LABELS: Record<Locale, Record<string, string>> = {
  en: { transfer: 'bank transfer', cash: 'cash', cheque: 'cheque', card_terminal: 'card', other: 'other', online: 'online card payment' },
  fr: { transfer: 'virement', cash: 'espèces', cheque: 'chèque', card_terminal: 'carte bancaire', other: 'autre', online: 'paiement en ligne par carte' },
};
