import { defineAwsCheck } from '../../context.ts';
import type { RdsDbClusterAttributes } from '../../resources/rds.ts';

export default defineAwsCheck<RdsDbClusterAttributes>({
  id: 'rds_cluster_multi_az',
  service: 'rds',
  title: 'RDS DB clusters have instances in more than one Availability Zone',
  severity: 'medium',
  resourceType: 'AwsRdsDbCluster',
  requires: ['multiAZ', 'engineMode', 'members'],
  categories: ['resilience'],
  description:
    'Checks that Aurora clusters have DB instances (a writer and at least one reader) spread over several Availability ' +
    'Zones, which RDS reports as Multi-AZ; Multi-AZ DB clusters always are. Aurora Serverless v1 clusters, whose ' +
    'capacity AWS places itself, are not evaluated.',
  risk:
    'With every instance in one Availability Zone, an AZ outage makes the database unavailable until a new instance ' +
    'is created elsewhere, instead of a failover that takes about a minute.',
  remediation: {
    recommendation: 'Add an Aurora Replica in a different Availability Zone from the writer so it can be promoted on failure.',
    cli: 'aws rds create-db-instance --db-instance-identifier <cluster>-reader --db-cluster-identifier <cluster> --engine <engine> --db-instance-class <class> --availability-zone <other-az>',
    terraform: 'resource "aws_rds_cluster_instance" "reader" {\n  cluster_identifier = aws_rds_cluster.example.id\n  availability_zone  = "<other-az>"\n}',
    console: 'RDS console → Databases → the cluster → Actions → Add reader → choose another Availability Zone.',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html',
  },
  appliesTo: (c) => c.attributes.engineMode !== 'serverless',
  evaluate(c) {
    const n = c.attributes.members.length;
    const instances = `${n} instance${n === 1 ? '' : 's'}`;
    return c.attributes.multiAZ
      ? { status: 'PASS', message: `RDS cluster ${c.name} is Multi-AZ (${instances}).` }
      : { status: 'FAIL', message: `RDS cluster ${c.name} is not Multi-AZ: its ${instances} run in a single Availability Zone.` };
  },
});
