import { defineAwsCheck } from '../../context.ts';
import type { RdsDbInstanceAttributes } from '../../resources/rds.ts';
import { standalone } from './helpers.ts';

export default defineAwsCheck<RdsDbInstanceAttributes>({
  id: 'rds_instance_backup_enabled',
  service: 'rds',
  title: 'RDS DB instances have automated backups enabled',
  severity: 'medium',
  resourceType: 'AwsRdsDbInstance',
  requires: ['backupRetentionPeriod', 'dbClusterIdentifier', 'readReplicaSource'],
  categories: ['resilience'],
  description:
    'Checks that RDS DB instances keep automated backups (a backup retention period of at least one day), which ' +
    'allows point-in-time recovery. Cluster members (backups are a cluster setting) and read replicas (their data is ' +
    'protected by the backups of their source) are not evaluated.',
  risk:
    'Without automated backups there is no point-in-time recovery: a bad deployment, an accidental DELETE or ' +
    'ransomware inside the database can only be undone from manual snapshots, if there are any.',
  remediation: {
    recommendation: 'Set a backup retention period that matches your recovery objectives (7 days or more is common).',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --backup-retention-period 7 --apply-immediately',
    terraform: 'resource "aws_db_instance" "example" {\n  backup_retention_period = 7\n}',
    cloudformation: 'Type: AWS::RDS::DBInstance\nProperties:\n  BackupRetentionPeriod: 7',
    console: 'RDS console → Databases → the instance → Modify → Backup → Backup retention period.',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html',
  },
  appliesTo: (db) => standalone(db) && !db.attributes.readReplicaSource,
  evaluate(db) {
    const days = db.attributes.backupRetentionPeriod;
    return days > 0
      ? { status: 'PASS', message: `RDS instance ${db.name} keeps automated backups for ${days} day${days === 1 ? '' : 's'}.` }
      : { status: 'FAIL', message: `RDS instance ${db.name} has automated backups disabled (retention period 0).` };
  },
});
