import type pg from 'pg';
import { createDatabase } from '../../apps/server/src/platform/tenancy/template.ts';

/** Clone a template the way the product does (retrying while another test briefly holds a connection to it). */
export async function cloneTemplate(client: pg.Client, name: string, template = 'rsm_tenant_template'): Promise<void> {
  await createDatabase(client, name, template);
}
