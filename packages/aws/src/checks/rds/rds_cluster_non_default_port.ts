import { defineAwsCheck } from '../../context.ts';
import type { RdsDbClusterAttributes } from '../../resources/rds.ts';
import { defaultPort } from './helpers.ts';

export default defineAwsCheck<RdsDbClusterAttributes>({
  id: 'rds_cluster_non_default_port',
  service: 'rds',
  title: 'RDS DB clusters listen on a non-default port',
  severity: 'low',
  resourceType: 'AwsRdsDbCluster',
  requires: ['port', 'engine'],
  description:
    'Checks that Aurora and Multi-AZ DB clusters do not listen on their engine’s well-known port (3306 for MySQL ' +
    'compatible engines, 5432 for PostgreSQL compatible engines).',
  risk:
    'Scanners sweep the well-known database ports first; a custom port is no substitute for network controls but ' +
    'reduces opportunistic discovery.',
  remediation: {
    recommendation: 'Move the cluster to a custom port and update security groups and connection strings.',
    cli: 'aws rds modify-db-cluster --db-cluster-identifier <cluster> --port 3307 --apply-immediately',
    terraform: 'resource "aws_rds_cluster" "example" {\n  port = 3307\n}',
    cloudformation: 'Type: AWS::RDS::DBCluster\nProperties:\n  Port: 3307',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Modifying.html',
  },
  appliesTo: (c) => defaultPort(c.attributes.engine) !== undefined,
  evaluate(c) {
    const { port, engine } = c.attributes;
    if (port === null) return { status: 'MANUAL', message: `RDS cluster ${c.name} does not report its port.` };
    return port === defaultPort(engine)
      ? { status: 'FAIL', message: `RDS cluster ${c.name} listens on the default ${engine} port ${port}.` }
      : { status: 'PASS', message: `RDS cluster ${c.name} listens on the non-default port ${port}.` };
  },
});
