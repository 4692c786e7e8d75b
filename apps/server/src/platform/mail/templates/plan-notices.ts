/**
 * The product's own mail to a studio's owners about its plan (issue 12.2 and 12.4): the trial ending in 7, 3 and 1
 * days, the trial ended (read-only), and a limit at 80 or 90 %. Signed by the product, EN and FR.
 *
 * Params: `name` (the owner), `studio`, `url` (Settings → Plan); trial: `days`, `end` (the date, in the studio's
 * language); usage: `limit` (what is limited, in words), `used`, `allowed`, `percent`, `plan`.
 */
import type { Locale } from '@rsm/shared/schemas';
import type { Template } from '../templates.ts';

export const PLAN_NOTICE_TEMPLATES = {
  'trial-ending': {
    en: {
      subject: (p) => (p.days === '1' ? `Your Pro trial of ${p.studio} ends tomorrow` : `Your Pro trial of ${p.studio} ends in ${p.days} days`),
      lines: (p) => [
        `Hello ${p.name},`,
        `The free Pro trial of ${p.studio} ends on ${p.end}.`,
        'Choose a plan to keep booking, billing and sharing without a break. Without one, the studio becomes read-only: everything stays there and can be seen and exported, nothing new can be added, and online booking pauses.',
      ],
      action: { label: 'Choose a plan', urlParam: 'url' },
      footer: 'Recording Studio Manager',
      fromProduct: true,
    },
    fr: {
      subject: (p) => (p.days === '1' ? `Votre essai Pro de ${p.studio} se termine demain` : `Votre essai Pro de ${p.studio} se termine dans ${p.days} jours`),
      lines: (p) => [
        `Bonjour ${p.name},`,
        `L’essai gratuit Pro de ${p.studio} se termine le ${p.end}.`,
        'Choisissez une formule pour continuer à réserver, facturer et partager sans interruption. Sans formule, le studio passe en lecture seule : tout reste là, consultable et exportable, rien de nouveau ne peut être ajouté et la réservation en ligne est mise en pause.',
      ],
      action: { label: 'Choisir une formule', urlParam: 'url' },
      footer: 'Recording Studio Manager',
      fromProduct: true,
    },
  },
  'trial-ended': {
    en: {
      subject: (p) => `${p.studio} is now read-only: choose a plan to continue`,
      lines: (p) => [
        `Hello ${p.name},`,
        `The free trial of ${p.studio} ended on ${p.end}. The studio is now read-only: nothing has been deleted, everything can be seen and exported, and your clients can still read their portal. Online booking is paused.`,
        'Choose a plan and everything works again at once.',
      ],
      action: { label: 'Choose a plan', urlParam: 'url' },
      footer: 'Recording Studio Manager',
      fromProduct: true,
    },
    fr: {
      subject: (p) => `${p.studio} est en lecture seule : choisissez une formule pour continuer`,
      lines: (p) => [
        `Bonjour ${p.name},`,
        `L’essai gratuit de ${p.studio} s’est terminé le ${p.end}. Le studio est maintenant en lecture seule : rien n’a été supprimé, tout reste consultable et exportable, et vos clients peuvent toujours consulter leur portail. La réservation en ligne est en pause.`,
        'Choisissez une formule et tout fonctionne à nouveau immédiatement.',
      ],
      action: { label: 'Choisir une formule', urlParam: 'url' },
      footer: 'Recording Studio Manager',
      fromProduct: true,
    },
  },
  'grace-ended': {
    en: {
      subject: (p) => `${p.studio} is now read-only: the subscription is unpaid`,
      lines: (p) => [
        `Hello ${p.name},`,
        `The renewal of ${p.studio}'s subscription is still unpaid after the grace period, which ended on ${p.end}. The studio is now read-only: nothing has been deleted, everything can be seen and exported, and your clients can still read their portal. Online booking is paused.`,
        'Update the card or choose a plan and everything works again at once.',
      ],
      action: { label: 'Open the plan page', urlParam: 'url' },
      footer: 'Recording Studio Manager',
      fromProduct: true,
    },
    fr: {
      subject: (p) => `${p.studio} est en lecture seule : l’abonnement est impayé`,
      lines: (p) => [
        `Bonjour ${p.name},`,
        `Le renouvellement de l’abonnement de ${p.studio} reste impayé après le délai de grâce, terminé le ${p.end}. Le studio est maintenant en lecture seule : rien n’a été supprimé, tout reste consultable et exportable, et vos clients peuvent toujours consulter leur portail. La réservation en ligne est en pause.`,
        'Mettez à jour la carte ou choisissez une formule et tout fonctionne à nouveau immédiatement.',
      ],
      action: { label: 'Ouvrir la page Formule', urlParam: 'url' },
      footer: 'Recording Studio Manager',
      fromProduct: true,
    },
  },
  'usage-warning': {
    en: {
      subject: (p) => `${p.studio} has used ${p.percent} % of its ${p.limit}`,
      lines: (p) => [
        `Hello ${p.name},`,
        `${p.studio} has used ${p.used} of the ${p.allowed} ${p.limit} of its ${p.plan} plan (${p.percent} %).`,
        'At 100 %, what the limit counts is refused until the next period or a bigger plan. Settings → Plan shows every limit.',
      ],
      action: { label: 'See the plans', urlParam: 'url' },
      footer: 'Recording Studio Manager',
      fromProduct: true,
    },
    fr: {
      subject: (p) => `${p.studio} a utilisé ${p.percent} % de ses ${p.limit}`,
      lines: (p) => [
        `Bonjour ${p.name},`,
        `${p.studio} a utilisé ${p.used} des ${p.allowed} ${p.limit} de sa formule ${p.plan} (${p.percent} %).`,
        'À 100 %, ce que la limite compte est refusé jusqu’à la période suivante ou une formule plus grande. Réglages → Formule montre chaque limite.',
      ],
      action: { label: 'Voir les formules', urlParam: 'url' },
      footer: 'Recording Studio Manager',
      fromProduct: true,
    },
  },
} satisfies Record<string, Record<Locale, Template>>;
