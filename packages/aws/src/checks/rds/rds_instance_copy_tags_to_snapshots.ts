import { defineAwsCheck } from '../../context.ts';
import type { RdsDbInstanceAttributes } from '../../resources/rds.ts';
import { standalone } from './helpers.ts';

export default defineAwsCheck<RdsDbInstanceAttributes>({
  id: 'rds_instance_copy_tags_to_snapshots',
  service: 'rds',
  title: 'RDS DB instances copy their tags to snapshots',
  severity: 'low',
  resourceType: 'AwsRdsDbInstance',
  requires: ['copyTagsToSnapshot', 'dbClusterIdentifier'],
  description:
    'Checks that RDS DB instances outside clusters copy their tags to the snapshots taken from them. For Aurora and ' +
    'Multi-AZ DB cluster members the setting belongs to the cluster (rds_cluster_copy_tags_to_snapshots).',
  risk:
    'Untagged snapshots escape tag-based access control, cost allocation, retention and data classification ' +
    'policies, so sensitive data can linger in snapshots nobody knows the owner of.',
  remediation: {
    recommendation: 'Turn on "Copy tags to snapshots" so every new snapshot carries the instance’s tags.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --copy-tags-to-snapshot --apply-immediately',
    terraform: 'resource "aws_db_instance" "example" {\n  copy_tags_to_snapshot = true\n}',
    cloudformation: 'Type: AWS::RDS::DBInstance\nProperties:\n  CopyTagsToSnapshot: true',
    console: 'RDS console → Databases → the instance → Modify → Backup → Copy tags to snapshots.',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Tagging.html#USER_Tagging.CopyTags',
  },
  appliesTo: standalone,
  evaluate(db) {
    return db.attributes.copyTagsToSnapshot
      ? { status: 'PASS', message: `RDS instance ${db.name} copies its tags to snapshots.` }
      : { status: 'FAIL', message: `RDS instance ${db.name} does not copy its tags to snapshots.` };
  },
});
