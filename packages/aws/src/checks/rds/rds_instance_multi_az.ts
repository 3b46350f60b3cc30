import { defineAwsCheck } from '../../context.ts';
import type { RdsDbInstanceAttributes } from '../../resources/rds.ts';
import { standalone } from './helpers.ts';

export default defineAwsCheck<RdsDbInstanceAttributes>({
  id: 'rds_instance_multi_az',
  service: 'rds',
  title: 'RDS DB instances are Multi-AZ deployments',
  severity: 'medium',
  resourceType: 'AwsRdsDbInstance',
  requires: ['multiAZ', 'dbClusterIdentifier'],
  categories: ['resilience'],
  description:
    'Checks that RDS DB instances that are not part of a cluster run as Multi-AZ deployments, with a standby in ' +
    'another Availability Zone. Aurora and Multi-AZ DB cluster members are covered by rds_cluster_multi_az.',
  risk:
    'A Single-AZ instance is down for the whole duration of an Availability Zone outage, a host failure or some ' +
    'maintenance operations, and recovering it may mean restoring from backup with data loss.',
  remediation: {
    recommendation: 'Convert the instance to a Multi-AZ deployment (during a quiet period: the conversion adds I/O load).',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --multi-az --apply-immediately',
    terraform: 'resource "aws_db_instance" "example" {\n  multi_az = true\n}',
    cloudformation: 'Type: AWS::RDS::DBInstance\nProperties:\n  MultiAZ: true',
    console: 'RDS console → Databases → the instance → Modify → Availability & durability → Create a standby instance.',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html',
  },
  appliesTo: standalone,
  evaluate(db) {
    return db.attributes.multiAZ
      ? { status: 'PASS', message: `RDS instance ${db.name} is a Multi-AZ deployment.` }
      : { status: 'FAIL', message: `RDS instance ${db.name} is a Single-AZ deployment.` };
  },
});
