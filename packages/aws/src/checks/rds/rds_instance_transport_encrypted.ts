import { defineAwsCheck } from '../../context.ts';
import type { RdsDbInstanceAttributes } from '../../resources/rds.ts';
import { standalone } from './helpers.ts';

/** The parameter that forces TLS for an engine, `undefined` when TLS is not enforced through a DB parameter. */
function transportParameter(engine: string): string | undefined {
  if (engine === 'postgres' || engine.startsWith('sqlserver')) return 'rds.force_ssl';
  if (engine === 'mysql' || engine === 'mariadb') return 'require_secure_transport';
  return undefined;
}

export default defineAwsCheck<RdsDbInstanceAttributes>({
  id: 'rds_instance_transport_encrypted',
  service: 'rds',
  title: 'RDS DB instances only accept encrypted (TLS) connections',
  severity: 'high',
  resourceType: 'AwsRdsDbInstance',
  requires: ['transportParameters', 'engine', 'dbClusterIdentifier'],
  categories: ['encryption'],
  description:
    'Checks that the DB parameter group of RDS for PostgreSQL and SQL Server instances sets rds.force_ssl to 1, and ' +
    'that of RDS for MySQL and MariaDB instances sets require_secure_transport to ON, so the server refuses ' +
    'unencrypted client connections. Oracle and Db2 (configured through option groups and other settings) and cluster ' +
    'members (configured in the cluster parameter group) are not evaluated.',
  risk:
    'If the server accepts plaintext connections, a misconfigured client sends credentials and query results in ' +
    'clear text, where anyone able to observe the network path can read or alter them.',
  remediation: {
    recommendation:
      'Use a custom DB parameter group with rds.force_ssl = 1 (PostgreSQL, SQL Server) or require_secure_transport = ON ' +
      '(MySQL, MariaDB), after making sure clients connect with TLS; static parameters need a reboot.',
    cli: 'aws rds modify-db-parameter-group --db-parameter-group-name <group> --parameters "ParameterName=rds.force_ssl,ParameterValue=1,ApplyMethod=immediate"',
    terraform:
      'resource "aws_db_parameter_group" "tls" {\n  family = "postgres16"\n  parameter {\n    name  = "rds.force_ssl"\n    value = "1"\n  }\n}',
    cloudformation: 'Type: AWS::RDS::DBParameterGroup\nProperties:\n  Family: postgres16\n  Parameters:\n    rds.force_ssl: "1"',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html',
  },
  appliesTo: (db) => standalone(db) && transportParameter(db.attributes.engine ?? '') !== undefined,
  evaluate(db) {
    const name = transportParameter(db.attributes.engine) ?? '';
    const value = db.attributes.transportParameters?.[name];
    if (value === undefined) {
      return { status: 'FAIL', message: `RDS instance ${db.name} has no ${name} value in its parameter group, so TLS is not enforced.` };
    }
    return ['1', 'on', 'true'].includes(value.toLowerCase())
      ? { status: 'PASS', message: `RDS instance ${db.name} requires TLS connections (${name} = ${value}).` }
      : { status: 'FAIL', message: `RDS instance ${db.name} accepts unencrypted connections (${name} = ${value}).` };
  },
});
