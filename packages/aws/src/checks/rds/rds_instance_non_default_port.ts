import { defineAwsCheck } from '../../context.ts';
import type { RdsDbInstanceAttributes } from '../../resources/rds.ts';
import { defaultPort, standalone } from './helpers.ts';

export default defineAwsCheck<RdsDbInstanceAttributes>({
  id: 'rds_instance_non_default_port',
  service: 'rds',
  title: 'RDS DB instances listen on a non-default port',
  severity: 'low',
  resourceType: 'AwsRdsDbInstance',
  requires: ['port', 'engine', 'dbClusterIdentifier'],
  description:
    'Checks that RDS DB instances outside clusters do not listen on their engine’s well-known port (3306 MySQL and ' +
    'MariaDB, 5432 PostgreSQL, 1521 Oracle, 1433 SQL Server, 50000 Db2). Cluster members use the cluster’s port ' +
    '(rds_cluster_non_default_port).',
  risk:
    'Automated scanners probe the well-known database ports first; a non-default port does not replace network ' +
    'controls but cuts down opportunistic discovery and noise.',
  remediation: {
    recommendation: 'Move the database to a custom port, update security groups and connection strings accordingly.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --db-port-number 6543 --apply-immediately',
    terraform: 'resource "aws_db_instance" "example" {\n  port = 6543\n}',
    cloudformation: 'Type: AWS::RDS::DBInstance\nProperties:\n  Port: "6543"',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.DBInstance.Modifying.html',
  },
  appliesTo: (db) => standalone(db) && defaultPort(db.attributes.engine) !== undefined,
  evaluate(db) {
    const { port, engine } = db.attributes;
    const standard = defaultPort(engine);
    if (port === null) return { status: 'MANUAL', message: `RDS instance ${db.name} has no endpoint port yet (status ${db.attributes.status}).` };
    return port === standard
      ? { status: 'FAIL', message: `RDS instance ${db.name} listens on the default ${engine} port ${port}.` }
      : { status: 'PASS', message: `RDS instance ${db.name} listens on the non-default port ${port}.` };
  },
});
