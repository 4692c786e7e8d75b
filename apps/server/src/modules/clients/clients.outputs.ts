/** Output shapes of the clients procedures: nothing leaves the server unshaped (no password hash, no erasure marks). */
import { z } from 'zod';
import { CLIENT_KINDS, CONTACT_ROLES } from '@rsm/shared/clients-schemas';

const kind = z.enum(CLIENT_KINDS);
const iso = z.string();

export const clientListItemOutput = z.object({
  id: z.string(),
  kind,
  companyType: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string(),
  city: z.string(),
  tags: z.array(z.string()),
  archivedAt: iso.nullable(),
  createdAt: iso,
  lastSessionAt: iso.nullable(),
  companies: z.array(z.object({ id: z.string(), name: z.string() })),
});
export const clientListOutput = z.object({
  total: z.number().int(),
  totalCapped: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(clientListItemOutput),
});

export const clientPickOutput = z.array(z.object({ id: z.string(), kind, name: z.string(), email: z.string(), phone: z.string() }));
export const tagsOutput = z.array(z.object({ tag: z.string(), count: z.number().int() }));

export const clientOutput = z.object({
  id: z.string(),
  kind,
  companyType: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string(),
  addressLine1: z.string(),
  addressLine2: z.string(),
  postalCode: z.string(),
  city: z.string(),
  country: z.string(),
  website: z.string(),
  vatNumber: z.string(),
  locale: z.string(),
  tags: z.array(z.string()),
  hasPortalPassword: z.boolean(),
  archivedAt: iso.nullable(),
  createdAt: iso,
  updatedAt: iso,
});

export const contactOutput = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string(),
  roles: z.array(z.string()).transform((roles) => roles.filter((r): r is (typeof CONTACT_ROLES)[number] => (CONTACT_ROLES as readonly string[]).includes(r))),
  canSeeCompanyItems: z.boolean(),
});
export const clientDetailOutput = z.object({
  client: clientOutput,
  /** People of a company, or the companies of a person. */
  contacts: z.array(contactOutput),
  /** Other clients with the same e-mail: candidates for a merge. */
  duplicates: z.array(z.object({ id: z.string(), name: z.string(), email: z.string() })),
});

export const noteOutput = z.object({
  id: z.string(),
  body: z.string(),
  authorUserId: z.string().nullable(),
  authorName: z.string().nullable(),
  createdAt: iso,
  updatedAt: iso,
  edited: z.boolean(),
  canEdit: z.boolean(),
  canDelete: z.boolean(),
});
export const notesOutput = z.object({ total: z.number().int(), items: z.array(noteOutput) });

export const clientSessionsOutput = z.object({
  total: z.number().int(),
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      startsAt: iso,
      endsAt: iso,
      status: z.string(),
      roomName: z.string(),
      priceCents: z.number().int(),
      currency: z.string(),
    }),
  ),
});
export const clientProjectsOutput = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    type: z.string(),
    stage: z.string(),
    dueDate: z.string().nullable(),
    archivedAt: iso.nullable(),
    createdAt: iso,
  }),
);

const problem = z.object({ line: z.number().int(), field: z.string(), message: z.string() });
export const importReportOutput = z.object({
  committed: z.boolean(),
  lineCount: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  companiesCreated: z.number().int(),
  errors: z.array(problem),
  columns: z.array(z.string()),
  ignoredColumns: z.array(z.string()),
  preview: z.array(z.object({ line: z.number().int(), action: z.enum(['create', 'update']), name: z.string(), email: z.string(), company: z.string() })),
});

export const fileOutput = z.object({ filename: z.string(), mimeType: z.string(), content: z.string() });
export const gdprExportOutput = z.object({ json: fileOutput, summary: fileOutput });
