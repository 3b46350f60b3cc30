import { defineAwsCheck } from '../../context.ts';
import type { RdsDbClusterAttributes } from '../../resources/rds.ts';

export default defineAwsCheck<RdsDbClusterAttributes>({
  id: 'rds_cluster_deletion_protection',
  service: 'rds',
  title: 'RDS DB clusters have deletion protection enabled',
  severity: 'medium',
  resourceType: 'AwsRdsDbCluster',
  requires: ['deletionProtection'],
  categories: ['resilience'],
  description: 'Checks that Aurora and Multi-AZ DB clusters have deletion protection turned on.',
  risk:
    'Without deletion protection the whole cluster can be deleted by one API call or an infrastructure-as-code ' +
    'change, taking every instance and, unless retained, the automated backups with it.',
  remediation: {
    recommendation: 'Enable deletion protection on the cluster; it then has to be switched off explicitly before deletion.',
    cli: 'aws rds modify-db-cluster --db-cluster-identifier <cluster> --deletion-protection --apply-immediately',
    terraform: 'resource "aws_rds_cluster" "example" {\n  deletion_protection = true\n}',
    cloudformation: 'Type: AWS::RDS::DBCluster\nProperties:\n  DeletionProtection: true',
    console: 'RDS console → Databases → the cluster → Modify → Deletion protection → Enable deletion protection.',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_DeleteCluster.html#USER_DeletionProtection',
  },
  evaluate(c) {
    return c.attributes.deletionProtection
      ? { status: 'PASS', message: `RDS cluster ${c.name} has deletion protection enabled.` }
      : { status: 'FAIL', message: `RDS cluster ${c.name} does not have deletion protection enabled.` };
  },
});
