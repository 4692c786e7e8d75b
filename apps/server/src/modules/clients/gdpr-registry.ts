/**
 * The extension point of GDPR export, erasure and duplicate merging: each module that keeps data about a
 * client registers one step here (the portal its activity and credentials, projects their comments,
 * money its invoices…). The clients module runs every registered step inside its own transaction, so an
 * export is complete and an erasure is all-or-nothing.
 *
 *   registerClientDataStep({ name: 'portal', export: …, erase: …, merge: … })
 *
 * - `export` returns JSON-serialisable data (it lands under `name` in the export file) and may return
 *   null when it has nothing about this client.
 * - `erase` deletes what may be deleted and anonymises what the law requires the studio to keep; it
 *   returns a short count summary for the audit log (numbers only, never personal data).
 * - `merge` (optional) moves the duplicate's rows to the survivor before the duplicate is deleted;
 *   without it, rows that reference the duplicate follow their foreign key (cascade or set null).
 */
import type { TenantDb } from '../../platform/tenancy/directory.ts';

export type ClientDataTx = Parameters<Parameters<TenantDb['transaction']>[0]>[0];

export interface ClientDataStep {
  name: string;
  export(db: ClientDataTx, clientId: string): Promise<unknown>;
  erase(db: ClientDataTx, clientId: string): Promise<Record<string, number>>;
  merge?(db: ClientDataTx, fromClientId: string, toClientId: string): Promise<void>;
}

const steps = new Map<string, ClientDataStep>();

export function registerClientDataStep(step: ClientDataStep): void {
  // Re-registering a name replaces it (modules may be imported more than once in tests and dev reloads).
  steps.set(step.name, step);
}

export function clientDataSteps(): ClientDataStep[] {
  return [...steps.values()];
}
