import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bookingPageSettingsInput, publicBookingDetailsSchema, tierProblem } from './booking-page-schemas.ts';

const tierArb = fc.record({ daysBefore: fc.integer({ min: 0, max: 365 }), refundPercent: fc.integer({ min: 0, max: 100 }) });

describe('cancellation tiers', () => {
  it('accepts exactly the lists with days strictly falling and refunds never rising', () => {
    fc.assert(
      fc.property(fc.array(tierArb, { maxLength: 6 }), (tiers) => {
        const ok = tiers.every((tier, i) => i === 0 || (tier.daysBefore < tiers[i - 1]!.daysBefore && tier.refundPercent <= tiers[i - 1]!.refundPercent));
        expect(tierProblem(tiers) === null).toBe(ok);
      }),
    );
  });

  it('names the first offending tier and why', () => {
    expect(
      tierProblem([
        { daysBefore: 7, refundPercent: 100 },
        { daysBefore: 7, refundPercent: 50 },
      ]),
    ).toEqual({ index: 1, message: 'bookingPage.errors.tiersOrder' });
    expect(
      tierProblem([
        { daysBefore: 7, refundPercent: 50 },
        { daysBefore: 3, refundPercent: 60 },
      ]),
    ).toEqual({ index: 1, message: 'bookingPage.errors.tiersRefund' });
  });
});

describe('settings and visitor details', () => {
  const valid = {
    publicBookingEnabled: true,
    instantBooking: false,
    requireApproval: true,
    holdHours: 48,
    depositPercent: 30,
    depositDueHours: 24,
    transferDetails: '',
    cancellationTiers: [],
    policyText: '',
    portalChangeCutoffHours: 24,
    minNoticeHours: 24,
    bookingWindowDays: 90,
    brandColor: '#AABBCC',
    welcomeText: '',
  };
  it('takes valid settings and refuses out-of-range ones with a translatable key', () => {
    expect(bookingPageSettingsInput.safeParse(valid).success).toBe(true);
    for (const [field, value, key] of [
      ['depositPercent', 101, 'errors.invalid_value'],
      ['brandColor', '#abc', 'errors.color_invalid'],
      ['holdHours', 0, 'errors.hold_hours_invalid'],
      ['minNoticeHours', -1, 'errors.invalid_value'],
      ['policyText', 'x'.repeat(4001), 'errors.too_long'],
    ] as const) {
      const result = bookingPageSettingsInput.safeParse({ ...valid, [field]: value });
      expect(result.success, field).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(key);
    }
  });

  it('refuses a deposit due after the hold lapses, on the deposit field, whenever bookings are held', () => {
    const contradictory = { ...valid, holdHours: 48, depositDueHours: 72 }; // the demo's old settings
    const refused = bookingPageSettingsInput.safeParse(contradictory);
    expect(refused.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['depositDueHours', 'bookingPage.errors.depositAfterHold']]);
    expect(bookingPageSettingsInput.safeParse({ ...contradictory, requireApproval: false }).success).toBe(false); // held without approval too
    expect(bookingPageSettingsInput.safeParse({ ...contradictory, depositDueHours: 48 }).success).toBe(true); // due when the hold ends
    expect(bookingPageSettingsInput.safeParse({ ...contradictory, depositPercent: 0 }).success).toBe(true); // no deposit asked
    expect(bookingPageSettingsInput.safeParse({ ...contradictory, instantBooking: true, requireApproval: false }).success).toBe(true); // never held
  });

  it('requires the policy to be accepted and a plausible phone number', () => {
    const details = { name: 'Ada', email: 'ADA@Example.test ', phone: '+33 (0)6 12-34', message: '', policyAccepted: true };
    expect(publicBookingDetailsSchema.parse(details)).toMatchObject({ email: 'ada@example.test', website: '' });
    expect(publicBookingDetailsSchema.safeParse({ ...details, policyAccepted: false }).error?.issues[0]?.message).toBe('bookingPage.errors.policyRequired');
    expect(publicBookingDetailsSchema.safeParse({ ...details, phone: 'call me' }).error?.issues[0]?.message).toBe('bookingPage.errors.phoneInvalid');
  });
});
