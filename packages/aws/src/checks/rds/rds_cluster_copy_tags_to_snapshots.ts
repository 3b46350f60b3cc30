import { defineAwsCheck } from '../../context.ts';
import type { RdsDbClusterAttributes } from '../../resources/rds.ts';

export default defineAwsCheck<RdsDbClusterAttributes>({
  id: 'rds_cluster_copy_tags_to_snapshots',
  service: 'rds',
  title: 'RDS DB clusters copy their tags to snapshots',
  severity: 'low',
  resourceType: 'AwsRdsDbCluster',
  requires: ['copyTagsToSnapshot'],
  description: 'Checks that Aurora and Multi-AZ DB clusters copy their tags to the cluster snapshots taken from them.',
  risk:
    'Snapshots without tags fall outside tag-based access control, cost allocation and retention rules, and their ' +
    'owner and data classification become guesswork.',
  remediation: {
    recommendation: 'Turn on "Copy tags to snapshots" on the cluster.',
    cli: 'aws rds modify-db-cluster --db-cluster-identifier <cluster> --copy-tags-to-snapshot --apply-immediately',
    terraform: 'resource "aws_rds_cluster" "example" {\n  copy_tags_to_snapshot = true\n}',
    cloudformation: 'Type: AWS::RDS::DBCluster\nProperties:\n  CopyTagsToSnapshot: true',
    console: 'RDS console → Databases → the cluster → Modify → Backup → Copy tags to snapshots.',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_Tagging.html#USER_Tagging.CopyTags',
  },
  evaluate(c) {
    return c.attributes.copyTagsToSnapshot
      ? { status: 'PASS', message: `RDS cluster ${c.name} copies its tags to snapshots.` }
      : { status: 'FAIL', message: `RDS cluster ${c.name} does not copy its tags to snapshots.` };
  },
});
