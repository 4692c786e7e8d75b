/**
 * Mail templates in every supported language. Each returns subject, text and
 * HTML; values are escaped for the HTML part.
 */
import type { Locale } from '@rsm/shared/schemas';
import { PUBLIC_BOOKING_TEMPLATES } from './templates/public-booking.ts';
import { REVIEW_TEMPLATES } from './templates/review.ts';
import { PORTAL_TEMPLATES } from './templates/portal.ts';
import { SHARING_TEMPLATES } from './templates/sharing.ts';
import { MONEY_TEMPLATES } from './templates/money.ts';
import { PLAN_NOTICE_TEMPLATES } from './templates/plan-notices.ts';
import { BILLING_TEMPLATES } from './templates/billing.ts';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  /** The studio the mail is sent for (its signature and sender name), or null for the product's own mail. */
  studio: string | null;
}

export type Params = Record<string, string>;

export const PRODUCT_NAME = 'Recording Studio Manager';
/** A template in one language. Domains keep theirs in ./templates/<domain>.ts and spread them into TEMPLATES below. */
export interface Template {
  subject: (p: Params) => string;
  lines: (p: Params) => string[];
  action?: { label: string; urlParam: string };
  footer: string;
  /** The product's own mail (a welcome to a new owner): signed by the product even though it names a studio. */
  fromProduct?: true;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const CORE_TEMPLATES = {
  'password-reset': {
    en: {
      subject: () => 'Reset your password',
      lines: (p) => [
        `Hello ${p.name},`,
        'Someone (hopefully you) asked to reset your Recording Studio Manager password.',
        'The link works once, for 1 hour. If you did not ask for it, ignore this e-mail: your password stays the same.',
      ],
      action: { label: 'Choose a new password', urlParam: 'url' },
      footer: 'Recording Studio Manager',
    },
    fr: {
      subject: () => 'Réinitialisez votre mot de passe',
      lines: (p) => [
        `Bonjour ${p.name},`,
        'Quelqu’un (vous, espérons-le) a demandé à réinitialiser votre mot de passe Recording Studio Manager.',
        'Le lien fonctionne une seule fois, pendant 1 heure. Si vous n’avez rien demandé, ignorez cet e-mail : votre mot de passe ne change pas.',
      ],
      action: { label: 'Choisir un nouveau mot de passe', urlParam: 'url' },
      footer: 'Recording Studio Manager',
    },
  },
  invitation: {
    en: {
      subject: (p) => `${p.inviter} invited you to ${p.studio}`,
      lines: (p) => [`${p.inviter} invited you to join ${p.studio} on Recording Studio Manager as ${p.role}.`, 'The invitation is valid for 7 days.'],
      action: { label: 'Accept the invitation', urlParam: 'url' },
      footer: 'Recording Studio Manager',
    },
    fr: {
      subject: (p) => `${p.inviter} vous invite à rejoindre ${p.studio}`,
      lines: (p) => [
        `${p.inviter} vous invite à rejoindre ${p.studio} sur Recording Studio Manager en tant que ${p.role}.`,
        'L’invitation est valable 7 jours.',
      ],
      action: { label: 'Accepter l’invitation', urlParam: 'url' },
      footer: 'Recording Studio Manager',
    },
  },
  welcome: {
    en: {
      subject: (p) => `Welcome to Recording Studio Manager, ${p.name}`,
      lines: (p) => [
        `Your studio ${p.studio} is ready. Your 14-day free trial has started — no card needed.`,
        'Finish setting up your studio and book your first session.',
      ],
      action: { label: 'Open my studio', urlParam: 'url' },
      footer: 'Recording Studio Manager',
      fromProduct: true,
    },
    fr: {
      subject: (p) => `Bienvenue sur Recording Studio Manager, ${p.name}`,
      lines: (p) => [
        `Votre studio ${p.studio} est prêt. Votre essai gratuit de 14 jours a commencé — sans carte bancaire.`,
        'Terminez la configuration de votre studio et réservez votre première session.',
      ],
      action: { label: 'Ouvrir mon studio', urlParam: 'url' },
      footer: 'Recording Studio Manager',
      fromProduct: true,
    },
  },
  'hold-released': {
    en: {
      subject: (p) => `Your hold at ${p.studio} has been released`,
      lines: (p) => [
        `Hello ${p.name},`,
        `Your hold "${p.title}" (${p.when}) at ${p.studio} expired without confirmation, so the time has been released.`,
        'Contact the studio to book again.',
      ],
      footer: 'Recording Studio Manager',
    },
    fr: {
      subject: (p) => `Votre option chez ${p.studio} a été libérée`,
      lines: (p) => [
        `Bonjour ${p.name},`,
        `Votre option « ${p.title} » (${p.when}) chez ${p.studio} a expiré sans confirmation : le créneau a été libéré.`,
        'Contactez le studio pour réserver à nouveau.',
      ],
      footer: 'Recording Studio Manager',
    },
  },
  'hold-promoted': {
    en: {
      subject: (p) => `The time you asked for at ${p.studio} is now held for you`,
      lines: (p) => [
        `Hello ${p.name},`,
        `The hold before yours was released: "${p.title}" (${p.when}) at ${p.studio} is now held for you until ${p.until}.`,
        'Confirm it with the studio before then to keep it.',
      ],
      footer: 'Recording Studio Manager',
    },
    fr: {
      subject: (p) => `Le créneau demandé chez ${p.studio} vous est maintenant réservé`,
      lines: (p) => [
        `Bonjour ${p.name},`,
        `L’option précédente a été levée : « ${p.title} » (${p.when}) chez ${p.studio} est maintenant posée pour vous jusqu’au ${p.until}.`,
        'Confirmez-la auprès du studio avant cette date pour la garder.',
      ],
      footer: 'Recording Studio Manager',
    },
  },
  'hold-expiring': {
    en: {
      subject: (p) => `Your hold at ${p.studio} ends ${p.until}`,
      lines: (p) => [
        `Hello ${p.name},`,
        `Your hold "${p.title}" (${p.when}) at ${p.studio} ends ${p.until}.`,
        'Confirm it with the studio (and pay the deposit if one is asked) before then, or the time will be released.',
      ],
      footer: 'Recording Studio Manager',
    },
    fr: {
      subject: (p) => `Votre option chez ${p.studio} expire le ${p.until}`,
      lines: (p) => [
        `Bonjour ${p.name},`,
        `Votre option « ${p.title} » (${p.when}) chez ${p.studio} expire le ${p.until}.`,
        'Confirmez-la auprès du studio (et réglez l’acompte s’il est demandé) avant cette date, sinon le créneau sera libéré.',
      ],
      footer: 'Recording Studio Manager',
    },
  },
  'studio-hold-released': {
    en: {
      subject: (p) => `Hold released: ${p.title}, ${p.when}`,
      lines: (p) => [
        `The hold "${p.title}" (${p.when}) expired without confirmation and its time was released.`,
        p.promoted ? `Next in line and now holding the time: ${p.promoted}.` : 'No other hold was waiting for this time.',
      ],
      footer: 'Recording Studio Manager',
    },
    fr: {
      subject: (p) => `Option libérée : ${p.title}, ${p.when}`,
      lines: (p) => [
        `L’option « ${p.title} » (${p.when}) a expiré sans confirmation et son créneau a été libéré.`,
        p.promoted ? `Option suivante, désormais posée : ${p.promoted}.` : 'Aucune autre option n’attendait ce créneau.',
      ],
      footer: 'Recording Studio Manager',
    },
  },
  'session-confirmed': {
    en: {
      subject: (p) => `Confirmed: ${p.title} at ${p.studio}, ${p.when}`,
      lines: (p) => [
        `Hello ${p.name},`,
        `Your session "${p.title}" at ${p.studio} is confirmed: ${p.when}, ${p.room}.`,
        'The attached invitation adds it to your calendar.',
      ],
      footer: 'Recording Studio Manager',
    },
    fr: {
      subject: (p) => `Confirmé : ${p.title} chez ${p.studio}, ${p.when}`,
      lines: (p) => [
        `Bonjour ${p.name},`,
        `Votre session « ${p.title} » chez ${p.studio} est confirmée : ${p.when}, ${p.room}.`,
        'L’invitation jointe l’ajoute à votre agenda.',
      ],
      footer: 'Recording Studio Manager',
    },
  },
  'session-moved': {
    en: {
      subject: (p) => `Moved: ${p.title} at ${p.studio}, now ${p.when}`,
      lines: (p) => [
        `Hello ${p.name},`,
        `Your session "${p.title}" at ${p.studio} has moved: it is now ${p.when}, ${p.room}.`,
        'The attached invitation updates your calendar.',
      ],
      footer: 'Recording Studio Manager',
    },
    fr: {
      subject: (p) => `Déplacé : ${p.title} chez ${p.studio}, désormais ${p.when}`,
      lines: (p) => [
        `Bonjour ${p.name},`,
        `Votre session « ${p.title} » chez ${p.studio} a été déplacée : désormais ${p.when}, ${p.room}.`,
        'L’invitation jointe met votre agenda à jour.',
      ],
      footer: 'Recording Studio Manager',
    },
  },
  'session-cancelled': {
    en: {
      subject: (p) => `Cancelled: ${p.title} at ${p.studio}, ${p.when}`,
      lines: (p) => [
        `Hello ${p.name},`,
        `Your session "${p.title}" at ${p.studio} (${p.when}, ${p.room}) has been cancelled.`,
        'The attached notice removes it from your calendar.',
      ],
      footer: 'Recording Studio Manager',
    },
    fr: {
      subject: (p) => `Annulé : ${p.title} chez ${p.studio}, ${p.when}`,
      lines: (p) => [
        `Bonjour ${p.name},`,
        `Votre session « ${p.title} » chez ${p.studio} (${p.when}, ${p.room}) a été annulée.`,
        'L’avis joint la retire de votre agenda.',
      ],
      footer: 'Recording Studio Manager',
    },
  },
  'session-reminder': {
    en: {
      subject: (p) => `Tomorrow: ${p.title} at ${p.studio}, ${p.when}`,
      lines: (p) => [`Hello ${p.name},`, `A reminder: your session "${p.title}" at ${p.studio} is ${p.when}, ${p.room}.`],
      footer: 'Recording Studio Manager',
    },
    fr: {
      subject: (p) => `Demain : ${p.title} chez ${p.studio}, ${p.when}`,
      lines: (p) => [`Bonjour ${p.name},`, `Un rappel : votre session « ${p.title} » chez ${p.studio} a lieu ${p.when}, ${p.room}.`],
      footer: 'Recording Studio Manager',
    },
  },
} satisfies Record<string, Record<Locale, Template>>;

export const TEMPLATES = {
  ...CORE_TEMPLATES,
  ...PUBLIC_BOOKING_TEMPLATES,
  ...REVIEW_TEMPLATES,
  ...PORTAL_TEMPLATES,
  ...SHARING_TEMPLATES,
  ...MONEY_TEMPLATES,
  ...PLAN_NOTICE_TEMPLATES,
  ...BILLING_TEMPLATES,
};

export type TemplateName = keyof typeof TEMPLATES;

export const ROLE_LABELS: Record<Locale, Record<string, string>> = {
  en: { owner: 'owner', manager: 'manager', engineer: 'engineer', assistant: 'assistant' },
  fr: { owner: 'propriétaire', manager: 'manager', engineer: 'ingénieur du son', assistant: 'assistant' },
};

export function renderMail(name: TemplateName, locale: Locale, params: Params): RenderedMail {
  const template: Template = TEMPLATES[name][locale];
  const lines = template.lines(params);
  const url = template.action ? params[template.action.urlParam] : undefined;
  // A mail sent for a studio (it names one) is signed by that studio, not by the product behind it.
  const studio = template.fromProduct ? null : params.studio?.trim() || null;
  const signature = studio ?? template.footer;
  const text = [...lines, ...(url && template.action ? ['', `${template.action.label}: ${url}`] : []), '', '— ' + signature].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#111">',
    ...lines.map((l) => `<p>${escapeHtml(l)}</p>`),
    url && template.action
      ? `<p><a href="${escapeHtml(url)}" style="display:inline-block;padding:10px 16px;background:#111;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(template.action.label)}</a></p><p style="font-size:12px;color:#555">${escapeHtml(url)}</p>`
      : '',
    `<p style="color:#555">— ${escapeHtml(signature)}</p>`,
    '</body></html>',
  ].join('');
  return { subject: template.subject(params), text, html, studio };
}

/**
 * The From header: the configured address, under the studio's name when the mail is sent for one
 * ("Studio Lumière via Recording Studio Manager" <no-reply@…>), so the inbox shows who it is from.
 * The name goes out as a structured field (nodemailer encodes it); line breaks are removed first.
 */
export function senderFor(mailFrom: string, studioName: string | null): string | { name: string; address: string } {
  const name = studioName?.replace(/[\r\n]+/g, ' ').trim();
  if (!name) return mailFrom;
  const address = /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom.trim();
  return { name: `${name} via ${PRODUCT_NAME}`, address };
}
