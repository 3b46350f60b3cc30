import { defineAwsCheck } from '../../context.ts';
import type { RdsDbInstanceAttributes } from '../../resources/rds.ts';

export default defineAwsCheck<RdsDbInstanceAttributes>({
  id: 'rds_instance_storage_encrypted',
  service: 'rds',
  title: 'RDS DB instances encrypt their storage at rest',
  severity: 'high',
  resourceType: 'AwsRdsDbInstance',
  requires: ['storageEncrypted', 'dbClusterIdentifier'],
  categories: ['encryption'],
  description:
    'Checks that every RDS DB instance has storage encryption enabled, which also covers its automated backups, ' +
    'snapshots, read replicas and logs. For Aurora and Multi-AZ cluster members the value reported is the cluster’s.',
  risk:
    'Unencrypted storage, backups and snapshots can be read by anyone who gets hold of the underlying volumes or a ' +
    'shared or copied snapshot, and many compliance regimes require encryption at rest for databases.',
  remediation: {
    recommendation:
      'Encryption can only be chosen at creation: take a snapshot, copy it with encryption under a KMS key, restore a ' +
      'new encrypted instance from the copy and switch applications to it.',
    cli:
      'aws rds copy-db-snapshot --source-db-snapshot-identifier <snap> --target-db-snapshot-identifier <snap>-enc --kms-key-id <key>\n' +
      'aws rds restore-db-instance-from-db-snapshot --db-instance-identifier <new-db> --db-snapshot-identifier <snap>-enc',
    terraform: 'resource "aws_db_instance" "example" {\n  storage_encrypted = true\n  kms_key_id        = aws_kms_key.rds.arn\n}',
    cloudformation: 'Type: AWS::RDS::DBInstance\nProperties:\n  StorageEncrypted: true\n  KmsKeyId: !Ref RdsKey',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html',
  },
  evaluate(db) {
    const { storageEncrypted, dbClusterIdentifier } = db.attributes;
    const via = dbClusterIdentifier ? ` (set on its cluster ${dbClusterIdentifier})` : '';
    return storageEncrypted
      ? { status: 'PASS', message: `RDS instance ${db.name} has encrypted storage${via}.` }
      : { status: 'FAIL', message: `RDS instance ${db.name} does not have encrypted storage${via}.` };
  },
});
