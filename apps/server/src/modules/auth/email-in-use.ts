import { AppError } from '../../platform/errors.ts';

/**
 * The one answer to a sign-up with an address already in use, whatever holds it (an account, an operator
 * address, a sign-up that won a race): it offers to log in or reset, and says nothing of which.
 * ADR 0003 lists what sign-up does and does not reveal.
 */
export const emailInUse = () => new AppError('EMAIL_TAKEN', 'If you already have an account with this address, log in or reset your password.');
