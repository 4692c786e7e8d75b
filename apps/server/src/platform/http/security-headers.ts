/**
 * Security headers (helmet's choices) on every answer, computed once at start-up.
 *
 * @fastify/helmet built a new helmet middleware for every request (and, with CSP nonces, drew two random
 * nonces and rebuilt the policy even for JSON): about 4 % of the server's CPU under load. Here helmet runs
 * once against a recording response; each answer then gets the recorded headers. Only the web app's page
 * needs nonces (its boot script and the UI library's <style> tags): `pagePolicy` fills them into a policy
 * recorded with placeholders.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

export interface SecurityHeaderOptions {
  /** HTTPS deployment: HSTS and upgrade-insecure-requests. */
  secure: boolean;
}

const SCRIPT_NONCE = '__rsm_script_nonce__';
const STYLE_NONCE = '__rsm_style_nonce__';

function directives(secure: boolean, nonces: { script?: string; style?: string }) {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", ...(nonces.script ? [`'nonce-${nonces.script}'`] : [])],
    styleSrc: ["'self'", "'unsafe-inline'", ...(nonces.style ? [`'nonce-${nonces.style}'`] : [])],
    imgSrc: ["'self'", 'data:', 'blob:'],
    mediaSrc: ["'self'", 'blob:'],
    connectSrc: ["'self'"],
    frameAncestors: ["'none'"],
    formAction: ["'self'"],
    upgradeInsecureRequests: secure ? [] : null,
  };
}

/** The headers helmet sets with these options, read from a response that only records them. */
function record(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failed: unknown = null;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => (failed = error ?? null));
  if (failed) throw failed;
  return headers;
}

export interface SecurityHeaders {
  /** For every answer (API, files, assets): no nonce. */
  readonly common: Readonly<Record<string, string>>;
  /** For the web app's page: the content security policy with fresh nonces (replaces the common one). */
  pagePolicy(): { policy: string; nonces: { script: string; style: string } };
}

export function securityHeaders({ secure }: SecurityHeaderOptions): SecurityHeaders {
  const base: HelmetOptions = {
    hsts: secure ? { maxAge: 15552000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  };
  const common = Object.freeze(record({ ...base, contentSecurityPolicy: { directives: directives(secure, {}) } }));
  const pagePolicy = record({ ...base, contentSecurityPolicy: { directives: directives(secure, { script: SCRIPT_NONCE, style: STYLE_NONCE }) } })[
    'content-security-policy'
  ]!;
  return {
    common,
    pagePolicy() {
      const nonces = { script: randomBytes(16).toString('hex'), style: randomBytes(16).toString('hex') };
      return { policy: pagePolicy.replace(SCRIPT_NONCE, nonces.script).replace(STYLE_NONCE, nonces.style), nonces };
    },
  };
}
