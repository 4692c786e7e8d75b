export * from './roles.ts';
export * from './schemas.ts';
export * from './money.ts';
export * from './errors.ts';
export * from './booking-schemas.ts';
