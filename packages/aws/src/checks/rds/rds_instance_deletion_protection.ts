import { defineAwsCheck } from '../../context.ts';
import type { RdsDbInstanceAttributes } from '../../resources/rds.ts';
import { standalone } from './helpers.ts';

export default defineAwsCheck<RdsDbInstanceAttributes>({
  id: 'rds_instance_deletion_protection',
  service: 'rds',
  title: 'RDS DB instances have deletion protection enabled',
  severity: 'medium',
  resourceType: 'AwsRdsDbInstance',
  requires: ['deletionProtection', 'dbClusterIdentifier'],
  categories: ['resilience'],
  description:
    'Checks that RDS DB instances outside clusters have deletion protection turned on. For Aurora and Multi-AZ DB ' +
    'cluster members deletion protection is set on the cluster and checked by rds_cluster_deletion_protection.',
  risk:
    'Without deletion protection a single API call, a mistaken console click or an infrastructure-as-code change ' +
    'can delete the database, and with it its automated backups unless they are retained.',
  remediation: {
    recommendation: 'Enable deletion protection on production databases; it must be turned off explicitly before deleting.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --deletion-protection --apply-immediately',
    terraform: 'resource "aws_db_instance" "example" {\n  deletion_protection = true\n}',
    cloudformation: 'Type: AWS::RDS::DBInstance\nProperties:\n  DeletionProtection: true',
    console: 'RDS console → Databases → the instance → Modify → Deletion protection → Enable deletion protection.',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeleteInstance.DeletionProtection',
  },
  appliesTo: standalone,
  evaluate(db) {
    return db.attributes.deletionProtection
      ? { status: 'PASS', message: `RDS instance ${db.name} has deletion protection enabled.` }
      : { status: 'FAIL', message: `RDS instance ${db.name} does not have deletion protection enabled.` };
  },
});
