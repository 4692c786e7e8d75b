/** Clients (CRM) inputs shared by the API and the web forms. Messages are i18n keys. */
import { z } from 'zod';
import { text, multilineText } from './text.ts';

const uuid = z.string().uuid();

export const CLIENT_KINDS = ['person', 'company'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];
export const COMPANY_TYPES = ['label', 'management', 'production', 'band', 'other'] as const;
/** Same list as the database's CLIENT_CONTACT_ROLES (packages/db): what a person does for a company. */
export const CONTACT_ROLES = ['artist', 'band_member', 'manager', 'label_contact', 'payer'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

/** An import file may hold at most this much text and this many data lines. */
export const CLIENT_IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const CLIENT_IMPORT_MAX_ROWS = 10_000;
export const CLIENT_TAGS_MAX = 30;

const line = (max: number) => text().max(max, 'errors.too_long');
export const clientEmailSchema = z.union([z.literal(''), z.string().trim().toLowerCase().email('errors.email_invalid').max(254, 'errors.email_invalid')]);
/** Tags are compared and stored in lower case, so "VIP" and "vip" are one tag. */
export const tagSchema = text().toLowerCase().min(1, 'errors.required').max(40, 'errors.too_long');
export const tagsSchema = z
  .array(tagSchema)
  .max(CLIENT_TAGS_MAX, 'errors.too_long')
  .transform((tags) => [...new Set(tags)]);

export const clientFields = z.object({
  kind: z.enum(CLIENT_KINDS).default('person'),
  companyType: z.union([z.literal(''), z.enum(COMPANY_TYPES)]).default(''),
  name: text().min(1, 'errors.required').max(200, 'errors.too_long'),
  email: clientEmailSchema.default(''),
  phone: line(40).default(''),
  addressLine1: line(160).default(''),
  addressLine2: line(160).default(''),
  postalCode: line(20).default(''),
  city: line(80).default(''),
  country: z
    .union([
      z.literal(''),
      z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{2}$/, 'errors.country_invalid'),
    ])
    .default(''),
  website: line(200).default(''),
  vatNumber: line(40).default(''),
  locale: z.union([z.literal(''), z.enum(['en', 'fr'])]).default(''),
  tags: tagsSchema.default([]),
});
export type ClientFormInput = z.input<typeof clientFields>;
export type ClientFields = z.output<typeof clientFields>;

export const createClientInput = clientFields;
/** Tags left out of an edit stay as they are (they have their own add / remove calls). */
export const updateClientInput = clientFields.extend({ id: uuid, tags: tagsSchema.optional() });
export const clientIdInput = z.object({ id: uuid });

export const CLIENT_SORTS = ['name', 'created', 'lastSession', 'relevance'] as const;
export const listClientsInput = z.object({
  q: text().max(100).default(''),
  kind: z.enum(CLIENT_KINDS).optional(),
  tag: tagSchema.optional(),
  status: z.enum(['active', 'archived', 'all']).default('active'),
  hasEmail: z.boolean().optional(),
  sort: z.enum(CLIENT_SORTS).default('name'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(5).max(100).default(25),
});
export type ListClientsInput = z.input<typeof listClientsInput>;

/** Search-as-you-type for pickers (the calendar's client field). */
export const pickClientsInput = z.object({ q: text().max(100).default(''), limit: z.number().int().min(1).max(50).default(10) });

export const tagInput = z.object({ id: uuid, tag: tagSchema });

export const linkContactInput = z
  .object({
    companyId: uuid,
    personId: uuid,
    roles: z.array(z.enum(CONTACT_ROLES)).max(CONTACT_ROLES.length).default([]),
    canSeeCompanyItems: z.boolean().default(false),
  })
  .refine((v) => v.companyId !== v.personId, { message: 'errors.invalid_value', path: ['personId'] });
export const unlinkContactInput = z.object({ companyId: uuid, personId: uuid });

export const noteBodySchema = multilineText().min(1, 'errors.required').max(5000, 'errors.too_long');
export const addNoteInput = z.object({ clientId: uuid, body: noteBodySchema });
export const editNoteInput = z.object({ id: uuid, body: noteBodySchema });
export const listNotesInput = z.object({ clientId: uuid, page: z.number().int().min(1).default(1), pageSize: z.number().int().min(1).max(100).default(20) });

export const clientSessionsInput = z.object({
  clientId: uuid,
  when: z.enum(['upcoming', 'past']),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(10),
});

export const mergeClientsInput = z
  .object({ survivorId: uuid, duplicateId: uuid })
  .refine((v) => v.survivorId !== v.duplicateId, { message: 'errors.invalid_value', path: ['duplicateId'] });

export const importClientsInput = z.object({
  csv: z.string().min(1, 'errors.required').max(CLIENT_IMPORT_MAX_BYTES, 'errors.too_long'),
  dryRun: z.boolean(),
});

export const exportClientsInput = z.object({ ids: z.array(uuid).min(1).max(1000).optional() });

export const eraseClientInput = z.object({ id: uuid, confirmName: text().min(1, 'errors.required').max(200) });

/**
 * The columns of the import file: the canonical (English) header first, then the other names accepted
 * (French Excel headers, common synonyms). Export writes the canonical headers, so a file round-trips.
 */
export const CLIENT_CSV_COLUMNS = {
  name: ['name', 'nom', 'full name', 'nom complet', 'raison sociale'],
  kind: ['kind', 'type', 'genre'],
  companyType: ['company type', 'type de société', 'type de societe', 'company_type'],
  email: ['email', 'e-mail', 'mail', 'courriel', 'adresse e-mail', 'email address'],
  phone: ['phone', 'téléphone', 'telephone', 'tel', 'tél', 'mobile', 'portable'],
  company: ['company', 'société', 'societe', 'entreprise', 'label'],
  roles: ['roles', 'role', 'rôle', 'rôles', 'fonction'],
  tags: ['tags', 'étiquettes', 'etiquettes', 'labels'],
  addressLine1: ['address', 'adresse', 'address line 1', 'adresse ligne 1', 'street', 'rue'],
  addressLine2: ['address line 2', 'adresse ligne 2', "complément d'adresse"],
  postalCode: ['postal code', 'zip', 'code postal', 'cp', 'postcode'],
  city: ['city', 'ville', 'town'],
  country: ['country', 'pays'],
  website: ['website', 'site', 'site web', 'url'],
  vatNumber: ['vat number', 'vat', 'tva', 'numéro de tva', 'numero de tva', 'n° tva'],
  locale: ['language', 'locale', 'langue'],
} as const;
export type ClientCsvField = keyof typeof CLIENT_CSV_COLUMNS;
