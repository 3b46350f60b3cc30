import { defineAwsCheck } from '../../context.ts';
import type { RdsDbClusterAttributes } from '../../resources/rds.ts';

export default defineAwsCheck<RdsDbClusterAttributes>({
  id: 'rds_cluster_storage_encrypted',
  service: 'rds',
  title: 'RDS DB clusters encrypt their storage at rest',
  severity: 'high',
  resourceType: 'AwsRdsDbCluster',
  requires: ['storageEncrypted'],
  categories: ['encryption'],
  description:
    'Checks that Aurora and Multi-AZ DB clusters have storage encryption enabled, which covers the cluster volume, its ' +
    'instances, automated backups and snapshots.',
  risk:
    'An unencrypted cluster leaves its data, backups and snapshots readable to anyone who obtains the storage or a ' +
    'copied snapshot, and fails common compliance requirements for data at rest.',
  remediation: {
    recommendation:
      'Encryption is chosen at creation: snapshot the cluster, restore the snapshot into a new cluster with a KMS key ' +
      '(restore lets you encrypt) and move applications to the new cluster.',
    cli: 'aws rds restore-db-cluster-from-snapshot --db-cluster-identifier <new> --snapshot-identifier <snap> --engine <engine> --kms-key-id <key>',
    terraform: 'resource "aws_rds_cluster" "example" {\n  storage_encrypted = true\n  kms_key_id        = aws_kms_key.rds.arn\n}',
    cloudformation: 'Type: AWS::RDS::DBCluster\nProperties:\n  StorageEncrypted: true\n  KmsKeyId: !Ref RdsKey',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.html',
  },
  evaluate(c) {
    return c.attributes.storageEncrypted
      ? { status: 'PASS', message: `RDS cluster ${c.name} has encrypted storage.` }
      : { status: 'FAIL', message: `RDS cluster ${c.name} does not have encrypted storage.` };
  },
});
