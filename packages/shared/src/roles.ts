/**
 * Staff roles and what each may do. This table is the single source of truth
 * for authorization inside a studio: the server checks it on every procedure
 * and the web app reads it only to hide controls the user cannot use.
 */
export const ROLES = ['owner', 'manager', 'engineer', 'assistant'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'studio:read',
  'studio:write',
  'members:read',
  'members:write',
  'rooms:read',
  'rooms:write',
  'billing:manage',
  /** Seeing the studio's plan and its usage against the plan's limits (Settings → Plan): owners and managers. */
  'plan:read',
  'audit:read',
  'sessions:read',
  'sessions:write',
  'resources:read',
  'resources:write',
  'clients:read',
  'clients:write',
  /** GDPR export and erasure of a client: owners and managers only. */
  'clients:erase',
  /** Taking the client file out of the studio (CSV, vCard): bulk personal data, owners and managers only. */
  'clients:export',
  'projects:read',
  'projects:write',
  /**
   * The studio's money: deposits, quotes, invoices, credit notes and payments — seeing them, drafting them,
   * issuing, crediting, recording and removing payments. Owners and managers only. Engineers do not draft
   * quotes either: a quote is a price commitment to a client, it shows the studio's rates and discounts and
   * the client's history of money, and a draft lists the client's documents; an engineer who prices a job asks
   * a manager (the catalogue they read tells them the prices). A narrower `quotes:draft` can be added if studios
   * ask for it. (`billing:manage` is the studio's own SaaS plan, a different thing.)
   */
  'money:manage',
  /**
   * The price list — catalogue services and products, VAT rates — read by every staff member: whoever books a
   * session or drafts a quote quotes from it, and room rates are already visible to all. Money itself
   * (documents, payments, bank details) stays behind `money:manage`.
   */
  'catalogue:read',
  /** The studio's security rules (require two-factor sign-in of every member): owners only. */
  'security:manage',
  /** "Export my studio": the whole studio's database as a backup archive. Owners only. */
  'studio:export',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ALL: readonly Permission[] = PERMISSIONS;

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: ALL,
  manager: [
    'studio:read',
    'studio:write',
    'members:read',
    'members:write',
    'rooms:read',
    'rooms:write',
    'plan:read',
    'audit:read',
    'sessions:read',
    'sessions:write',
    'resources:read',
    'resources:write',
    'clients:read',
    'clients:write',
    'clients:erase',
    'clients:export',
    'projects:read',
    'projects:write',
    'money:manage',
    'catalogue:read',
  ],
  engineer: [
    'studio:read',
    'members:read',
    'rooms:read',
    'sessions:read',
    'sessions:write',
    'resources:read',
    'clients:read',
    'projects:read',
    'projects:write',
    'catalogue:read',
  ],
  assistant: [
    'studio:read',
    'members:read',
    'rooms:read',
    'rooms:write',
    'sessions:read',
    'sessions:write',
    'resources:read',
    'clients:read',
    'clients:write',
    'projects:read',
    'catalogue:read',
  ],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Managers may invite and manage every role except owner; only owners manage owners. */
export function canAssignRole(actor: Role, target: Role): boolean {
  if (actor === 'owner') return true;
  if (actor === 'manager') return target !== 'owner';
  return false;
}
