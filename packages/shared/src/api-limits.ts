/**
 * Limits the API and its web client share.
 *
 * MAX_BATCH_SIZE: tRPC calls one HTTP request may carry. The web client's batch link splits larger groups into
 * several requests, so the server can refuse anything bigger before running a procedure (an anonymous GET
 * naming 300 calls cost seconds of server time). A page loads at most a dozen queries at once.
 */
export const MAX_BATCH_SIZE = 20;
