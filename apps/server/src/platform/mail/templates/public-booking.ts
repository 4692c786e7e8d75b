/**
 * Mails of the public booking page: the e-mail check sent to a visitor, what became of their request
 * (hold, waiting for approval, confirmed, approved, declined, deposit received) and the studio's notice
 * of a new request. Optional parameters (deposit, deadline, transfer details, message) add lines only
 * when present.
 */
import type { Locale } from '@rsm/shared/schemas';
import type { Params, Template } from '../templates.ts';

const FOOTER = 'Recording Studio Manager';

/** Deposit lines, when a deposit is asked: amount, deadline, and how to pay it. */
function depositLines(p: Params, locale: Locale): string[] {
  if (!p.deposit) return [];
  const lines =
    locale === 'fr'
      ? [`Acompte demandé : ${p.deposit}${p.depositDue ? `, à régler avant le ${p.depositDue}` : ''}.`]
      : [`Deposit due: ${p.deposit}${p.depositDue ? `, by ${p.depositDue}` : ''}.`];
  if (p.transfer) lines.push(locale === 'fr' ? `Virement : ${p.transfer}` : `Bank transfer: ${p.transfer}`);
  if (p.payUrl)
    lines.push(
      locale === 'fr'
        ? 'Vous pouvez régler l’acompte en ligne par carte avec le lien ci-dessous.'
        : 'You can pay the deposit online by card with the link below.',
    );
  lines.push(locale === 'fr' ? 'Le studio confirmera la réception de l’acompte.' : 'The studio will confirm when the deposit is received.');
  return lines;
}

const messageLine = (p: Params, locale: Locale) =>
  p.message ? [locale === 'fr' ? `Message du studio : ${p.message}` : `Message from the studio: ${p.message}`] : [];
const what = (p: Params) => `${p.room} — ${p.when}`;

export const PUBLIC_BOOKING_TEMPLATES = {
  'public-booking-verify': {
    en: {
      subject: (p) => `Confirm your booking request at ${p.studio}`,
      lines: (p) => [
        `Hello ${p.name},`,
        `You asked to book ${what(p)} at ${p.studio}.`,
        'Open the link and press Confirm to send your request. The link works once, for 30 minutes.',
        'If you did not ask for this, ignore this e-mail: nothing is booked.',
      ],
      action: { label: 'Confirm my request', urlParam: 'url' },
      footer: FOOTER,
    },
    fr: {
      subject: (p) => `Confirmez votre demande de réservation chez ${p.studio}`,
      lines: (p) => [
        `Bonjour ${p.name},`,
        `Vous avez demandé à réserver ${what(p)} chez ${p.studio}.`,
        'Ouvrez le lien et appuyez sur Confirmer pour envoyer votre demande. Le lien fonctionne une seule fois, pendant 30 minutes.',
        'Si vous n’avez rien demandé, ignorez cet e-mail : rien n’est réservé.',
      ],
      action: { label: 'Confirmer ma demande', urlParam: 'url' },
      footer: FOOTER,
    },
  },
  'public-booking-hold': {
    en: {
      subject: (p) => `Your time at ${p.studio} is held`,
      lines: (p) => [`Hello ${p.name},`, `${p.studio} holds ${what(p)} for you${p.until ? ` until ${p.until}` : ''}.`, ...depositLines(p, 'en')],
      action: { label: 'Pay the deposit online', urlParam: 'payUrl' },
      footer: FOOTER,
    },
    fr: {
      subject: (p) => `Votre créneau chez ${p.studio} est réservé en option`,
      lines: (p) => [`Bonjour ${p.name},`, `${p.studio} vous réserve ${what(p)} en option${p.until ? ` jusqu’au ${p.until}` : ''}.`, ...depositLines(p, 'fr')],
      action: { label: 'Régler l’acompte en ligne', urlParam: 'payUrl' },
      footer: FOOTER,
    },
  },
  'public-booking-pending': {
    en: {
      subject: (p) => `Your request at ${p.studio} is waiting for approval`,
      lines: (p) => [
        `Hello ${p.name},`,
        `${p.studio} received your request for ${what(p)} and holds the time while it looks at it. You will get an answer by e-mail.`,
        ...depositLines(p, 'en'),
      ],
      footer: FOOTER,
    },
    fr: {
      subject: (p) => `Votre demande chez ${p.studio} attend sa validation`,
      lines: (p) => [
        `Bonjour ${p.name},`,
        `${p.studio} a reçu votre demande pour ${what(p)} et garde le créneau le temps de l’examiner. Vous recevrez une réponse par e-mail.`,
        ...depositLines(p, 'fr'),
      ],
      footer: FOOTER,
    },
  },
  'public-booking-confirmed': {
    en: {
      subject: (p) => `Booked: ${p.when} at ${p.studio}`,
      lines: (p) => [`Hello ${p.name},`, `Your booking of ${what(p)} at ${p.studio} is confirmed.`, ...depositLines(p, 'en')],
      action: { label: 'Pay the deposit online', urlParam: 'payUrl' },
      footer: FOOTER,
    },
    fr: {
      subject: (p) => `Réservé : ${p.when} chez ${p.studio}`,
      lines: (p) => [`Bonjour ${p.name},`, `Votre réservation de ${what(p)} chez ${p.studio} est confirmée.`, ...depositLines(p, 'fr')],
      action: { label: 'Régler l’acompte en ligne', urlParam: 'payUrl' },
      footer: FOOTER,
    },
  },
  'public-booking-approved': {
    en: {
      subject: (p) => `${p.studio} accepted your booking request`,
      lines: (p) => [
        `Hello ${p.name},`,
        `${p.studio} accepted your request for ${what(p)}.`,
        ...messageLine(p, 'en'),
        ...(p.deposit ? ['The booking is confirmed once the deposit is received.', ...depositLines(p, 'en')] : ['Your booking is confirmed.']),
      ],
      action: { label: 'Pay the deposit online', urlParam: 'payUrl' },
      footer: FOOTER,
    },
    fr: {
      subject: (p) => `${p.studio} a accepté votre demande de réservation`,
      lines: (p) => [
        `Bonjour ${p.name},`,
        `${p.studio} a accepté votre demande pour ${what(p)}.`,
        ...messageLine(p, 'fr'),
        ...(p.deposit ? ['La réservation sera confirmée à réception de l’acompte.', ...depositLines(p, 'fr')] : ['Votre réservation est confirmée.']),
      ],
      action: { label: 'Régler l’acompte en ligne', urlParam: 'payUrl' },
      footer: FOOTER,
    },
  },
  'public-booking-declined': {
    en: {
      subject: (p) => `${p.studio} could not accept your booking request`,
      lines: (p) => [`Hello ${p.name},`, `${p.studio} declined your request for ${what(p)}; the time is released.`, ...messageLine(p, 'en')],
      footer: FOOTER,
    },
    fr: {
      subject: (p) => `${p.studio} n’a pas pu accepter votre demande de réservation`,
      lines: (p) => [`Bonjour ${p.name},`, `${p.studio} a décliné votre demande pour ${what(p)} ; le créneau est libéré.`, ...messageLine(p, 'fr')],
      footer: FOOTER,
    },
  },
  'public-booking-deposit-received': {
    en: {
      subject: (p) => `${p.studio} received your deposit`,
      lines: (p) => [`Hello ${p.name},`, `${p.studio} received your deposit${p.deposit ? ` of ${p.deposit}` : ''} for ${what(p)}. Your booking is confirmed.`],
      footer: FOOTER,
    },
    fr: {
      subject: (p) => `${p.studio} a reçu votre acompte`,
      lines: (p) => [
        `Bonjour ${p.name},`,
        `${p.studio} a reçu votre acompte${p.deposit ? ` de ${p.deposit}` : ''} pour ${what(p)}. Votre réservation est confirmée.`,
      ],
      footer: FOOTER,
    },
  },
  // A second card payment of a deposit already received (two payment pages paid): given back at once.
  'public-booking-deposit-refunded-duplicate': {
    en: {
      subject: (p) => `${p.studio} refunded a second payment of your deposit`,
      lines: (p) => [
        `Hello ${p.name},`,
        `The deposit for ${what(p)} was already paid, and we received a second payment of ${p.amount}.`,
        `It has been refunded in full to your card; the refund can take 5 to 10 days to appear on your statement.`,
        ...(p.number ? [`Deposit invoice ${p.number} of that payment is cancelled by a credit note.`] : []),
        'Your booking is unchanged.',
      ],
      footer: FOOTER,
    },
    fr: {
      subject: (p) => `${p.studio} vous a remboursé un second paiement de votre acompte`,
      lines: (p) => [
        `Bonjour ${p.name},`,
        `L’acompte pour ${what(p)} était déjà réglé et nous avons reçu un second paiement de ${p.amount}.`,
        'Il vous a été intégralement remboursé sur votre carte ; le remboursement peut mettre 5 à 10 jours à apparaître sur votre relevé.',
        ...(p.number ? [`La facture d’acompte ${p.number} de ce paiement est annulée par un avoir.`] : []),
        'Votre réservation reste inchangée.',
      ],
      footer: FOOTER,
    },
  },
  'public-booking-staff-request': {
    en: {
      subject: (p) => `New booking request: ${p.name}, ${p.when}`,
      lines: (p) => [
        `${p.name} booked ${what(p)} on the public page of ${p.studio}${p.title ? ` (${p.title})` : ''}.`,
        ...(p.message ? [`Their message: ${p.message}`] : []),
      ],
      action: { label: 'Open the calendar', urlParam: 'url' },
      footer: FOOTER,
    },
    fr: {
      subject: (p) => `Nouvelle demande de réservation : ${p.name}, ${p.when}`,
      lines: (p) => [
        `${p.name} a réservé ${what(p)} sur la page publique de ${p.studio}${p.title ? ` (${p.title})` : ''}.`,
        ...(p.message ? [`Son message : ${p.message}`] : []),
      ],
      action: { label: 'Ouvrir le calendrier', urlParam: 'url' },
      footer: FOOTER,
    },
  },
  'public-booking-limit-reached': {
    en: {
      subject: (p) => `A visitor could not book at ${p.studio}: monthly session limit`,
      lines: (p) => [
        `A visitor tried to book ${what(p)} on the public page of ${p.studio}, but this month's sessions of your plan are used.`,
        'Upgrade to Pro for unlimited sessions, so visitors are not turned away.',
      ],
      action: { label: 'Open the studio', urlParam: 'url' },
      footer: FOOTER,
    },
    fr: {
      subject: (p) => `Un visiteur n’a pas pu réserver chez ${p.studio} : limite mensuelle de sessions`,
      lines: (p) => [
        `Un visiteur a voulu réserver ${what(p)} sur la page publique de ${p.studio}, mais les sessions de ce mois de votre formule sont utilisées.`,
        'Passez à Pro pour des sessions illimitées et ne plus refuser de visiteurs.',
      ],
      action: { label: 'Ouvrir le studio', urlParam: 'url' },
      footer: FOOTER,
    },
  },
} satisfies Record<string, Record<Locale, Template>>;
