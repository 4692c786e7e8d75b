import type pg from 'pg';

/** Clone the tenant template, retrying while another test briefly holds a connection to it. */
export async function cloneTemplate(client: pg.Client, name: string, template = 'rsm_tenant_template'): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt > 60) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
