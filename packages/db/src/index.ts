export * as control from './control/schema.ts';
export * as tenant from './tenant/schema.ts';
export * from './migrator.ts';
