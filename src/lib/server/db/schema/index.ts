/** The database schema, one module per aggregate; drizzle-kit reads this folder. */
export { organizationTypes, roles, type Role } from '../../../content/vocabulary';
export * from './places';
export * from './accounts';
export * from './learning';
export * from './campaigns';
export * from './reach';
export * from './evidence';
