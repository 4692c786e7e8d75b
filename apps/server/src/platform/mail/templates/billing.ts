/** The product's own mail about a studio's subscription (issue 12.3): a failed payment and its grace period; EN and FR. */
import type { Locale } from '@rsm/shared/schemas';
import type { Template } from '../templates.ts';

/** Params: `name` (the owner), `studio`, `date` (when the studio becomes read-only, formatted), `url` (Settings → Plan). */
export const BILLING_TEMPLATES = {
  'billing-payment-failed': {
    en: {
      subject: (p) => `Payment failed for ${p.studio}: update your card before ${p.date}`,
      lines: (p) => [
        `Hello ${p.name},`,
        `The payment of ${p.studio}'s Recording Studio Manager subscription failed.`,
        `Everything keeps working until ${p.date}. If the payment has not gone through by then, the studio becomes read-only: everything can still be seen and exported, nothing can be changed.`,
        'Update the card to pay now.',
      ],
      action: { label: 'Update the card', urlParam: 'url' },
      footer: 'Recording Studio Manager',
      fromProduct: true,
    },
    fr: {
      subject: (p) => `Échec du paiement pour ${p.studio} : mettez votre carte à jour avant le ${p.date}`,
      lines: (p) => [
        `Bonjour ${p.name},`,
        `Le paiement de l’abonnement Recording Studio Manager de ${p.studio} a échoué.`,
        `Tout continue de fonctionner jusqu’au ${p.date}. Si le paiement n’est pas passé d’ici là, le studio passe en lecture seule : tout reste consultable et exportable, rien ne peut être modifié.`,
        'Mettez la carte à jour pour payer maintenant.',
      ],
      action: { label: 'Mettre la carte à jour', urlParam: 'url' },
      footer: 'Recording Studio Manager',
      fromProduct: true,
    },
  },
} satisfies Record<string, Record<Locale, Template>>;
