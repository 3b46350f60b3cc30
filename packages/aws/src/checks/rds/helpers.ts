import type { Resource } from '@vigil/engine';
import type { RdsDbInstanceAttributes } from '../../resources/rds.ts';

export const isAurora = (engine: string | undefined): boolean => (engine ?? '').startsWith('aurora');

/** True for an instance that is not a member of an Aurora or Multi-AZ DB cluster. */
export const standalone = (i: Resource<Partial<RdsDbInstanceAttributes>>): boolean => !i.attributes.dbClusterIdentifier;

/** The port an engine listens on unless told otherwise, `undefined` for engines we do not know. */
export function defaultPort(engine: string | undefined): number | undefined {
  const e = engine ?? '';
  if (e === 'mysql' || e === 'mariadb' || e === 'aurora' || e === 'aurora-mysql') return 3306;
  if (e === 'postgres' || e === 'aurora-postgresql') return 5432;
  if (e.startsWith('oracle') || e.startsWith('custom-oracle')) return 1521;
  if (e.startsWith('sqlserver') || e.startsWith('custom-sqlserver')) return 1433;
  if (e.startsWith('db2')) return 50000;
  return undefined;
}

/** The master user names the console proposes: `admin` for most engines, `postgres` for PostgreSQL. */
export const DEFAULT_ADMIN_USERNAMES = ['admin', 'postgres'];

export function describeLogs(exports: readonly string[]): string {
  return exports.length === 1 ? `the ${exports[0]} log` : `the ${exports.join(', ')} logs`;
}
