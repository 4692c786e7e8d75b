/** Mail about the studio's money to its clients (issue 11): documents sent, reminders, receipts; EN and FR, signed by the studio. */
import type { Locale } from '@rsm/shared/schemas';
import type { Template } from '../templates.ts';

/**
 * Params: `name` (the client, may be empty), `studio`, `number` (the document's number), `amount` (formatted, with
 * its currency), `until` (a quote's last valid day / an invoice's due date, formatted), `url` (a quote's answer
 * link). The PDF is attached by the sender.
 */
export const MONEY_TEMPLATES = {
  'quote-sent': {
    en: {
      subject: (p) => `Quote ${p.number} from ${p.studio}`,
      lines: (p) => [
        `Hello${p.name ? ` ${p.name}` : ''},`,
        `${p.studio} sends you quote ${p.number} for ${p.amount} (the PDF is attached).`,
        `It is valid until ${p.until}. You can read it and accept or decline it online, without an account.`,
        'This link is yours: the most recent link the studio sent replaces any earlier one.',
      ],
      action: { label: 'Read and answer the quote', urlParam: 'url' },
      footer: 'Recording Studio Manager',
    },
    fr: {
      subject: (p) => `Devis ${p.number} de ${p.studio}`,
      lines: (p) => [
        `Bonjour${p.name ? ` ${p.name}` : ''},`,
        `${p.studio} vous adresse le devis ${p.number} d’un montant de ${p.amount} (le PDF est joint).`,
        `Il est valable jusqu’au ${p.until}. Vous pouvez le consulter et l’accepter ou le refuser en ligne, sans compte.`,
        'Ce lien vous est personnel : le dernier lien envoyé par le studio remplace les précédents.',
      ],
      action: { label: 'Consulter et répondre au devis', urlParam: 'url' },
      footer: 'Recording Studio Manager',
    },
  },
  'invoice-sent': {
    en: {
      subject: (p) => `Invoice ${p.number} from ${p.studio}`,
      lines: (p) => [
        `Hello${p.name ? ` ${p.name}` : ''},`,
        `${p.studio} sends you invoice ${p.number} for ${p.amount} (the PDF is attached).`,
        `It is due on ${p.until}.`,
      ],
      // Only when the studio takes online payments (payOnlineLink): the client portal's money page.
      action: { label: 'Pay online', urlParam: 'payUrl' },
      footer: 'Recording Studio Manager',
    },
    fr: {
      subject: (p) => `Facture ${p.number} de ${p.studio}`,
      lines: (p) => [
        `Bonjour${p.name ? ` ${p.name}` : ''},`,
        `${p.studio} vous adresse la facture ${p.number} d’un montant de ${p.amount} (le PDF est joint).`,
        `Elle est payable au plus tard le ${p.until}.`,
      ],
      action: { label: 'Payer en ligne', urlParam: 'payUrl' },
      footer: 'Recording Studio Manager',
    },
  },
  'invoice-reminder': {
    en: {
      subject: (p) => `Reminder: invoice ${p.number} from ${p.studio} is overdue`,
      lines: (p) => [
        `Hello${p.name ? ` ${p.name}` : ''},`,
        `Invoice ${p.number} from ${p.studio} was due on ${p.until}; ${p.amount} is still to be paid (the invoice is attached).`,
        'If you have paid it in the meantime, thank you, and please ignore this reminder.',
      ],
      action: { label: 'Pay online', urlParam: 'payUrl' },
      footer: 'Recording Studio Manager',
    },
    fr: {
      subject: (p) => `Relance : la facture ${p.number} de ${p.studio} est échue`,
      lines: (p) => [
        `Bonjour${p.name ? ` ${p.name}` : ''},`,
        `La facture ${p.number} de ${p.studio} était payable au plus tard le ${p.until} ; il reste ${p.amount} à régler (la facture est jointe).`,
        'Si vous l’avez réglée entre-temps, merci, et ne tenez pas compte de cette relance.',
      ],
      action: { label: 'Payer en ligne', urlParam: 'payUrl' },
      footer: 'Recording Studio Manager',
    },
  },
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
  /**
   * A second card payment of a quote's deposit already paid (two payment pages, or paid by hand meanwhile): given
   * back at once. Params: `name`, `studio`, `quote` (its number), `amount`, `number` (the refunded deposit invoice).
   */
  'quote-deposit-refunded-duplicate': {
    en: {
      subject: (p) => `${p.studio} refunded a second payment of your deposit on quote ${p.quote}`,
      lines: (p) => [
        `Hello ${p.name},`,
        `The deposit on quote ${p.quote} was already paid, and we received a second payment of ${p.amount}.`,
        'It has been refunded in full to your card; the refund can take 5 to 10 days to appear on your statement.',
        ...(p.number ? [`Deposit invoice ${p.number} of that payment is cancelled by a credit note.`] : []),
        'Your quote and the deposit already paid are unchanged.',
      ],
      footer: 'Recording Studio Manager',
    },
    fr: {
      subject: (p) => `${p.studio} vous a remboursé un second paiement de l’acompte du devis ${p.quote}`,
      lines: (p) => [
        `Bonjour ${p.name},`,
        `L’acompte du devis ${p.quote} était déjà réglé et nous avons reçu un second paiement de ${p.amount}.`,
        'Il vous a été intégralement remboursé sur votre carte ; le remboursement peut mettre 5 à 10 jours à apparaître sur votre relevé.',
        ...(p.number ? [`La facture d’acompte ${p.number} de ce paiement est annulée par un avoir.`] : []),
        'Votre devis et l’acompte déjà réglé restent inchangés.',
      ],
      footer: 'Recording Studio Manager',
    },
  },
} satisfies Record<string, Record<Locale, Template>>;

export const PAYMENT_METHOD_LABELS: Record<Locale, Record<string, string>> = {
  en: { transfer: 'bank transfer', cash: 'cash', cheque: 'cheque', card_terminal: 'card', other: 'other', online: 'online card payment' },
  fr: { transfer: 'virement', cash: 'espèces', cheque: 'chèque', card_terminal: 'carte bancaire', other: 'autre', online: 'paiement en ligne par carte' },
};
