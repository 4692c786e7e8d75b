/**
 * Every module's GDPR / merge step, registered by importing it: the clients module's own, then those of
 * the modules that keep data about a client. A module that adds client data adds its step file here.
 */
import './gdpr-core-steps.ts';
import '../portal/portal-gdpr.ts';
import '../sharing/sharing-gdpr.ts';
import '../review/review-gdpr.ts';
import '../public-booking/public-booking-gdpr.ts';
