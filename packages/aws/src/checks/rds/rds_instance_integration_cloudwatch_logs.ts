import { defineAwsCheck } from '../../context.ts';
import type { RdsDbInstanceAttributes } from '../../resources/rds.ts';
import { describeLogs, standalone } from './helpers.ts';

export default defineAwsCheck<RdsDbInstanceAttributes>({
  id: 'rds_instance_integration_cloudwatch_logs',
  service: 'rds',
  title: 'RDS DB instances export their database logs to CloudWatch Logs',
  severity: 'medium',
  resourceType: 'AwsRdsDbInstance',
  requires: ['enabledCloudwatchLogsExports', 'dbClusterIdentifier'],
  categories: ['logging'],
  description:
    'Checks that RDS DB instances outside clusters publish at least one database log type (error, audit, general, ' +
    'slow query, PostgreSQL, alert, listener, …) to CloudWatch Logs. Log exports of Aurora and Multi-AZ DB clusters ' +
    'are configured on the cluster and checked by rds_cluster_integration_cloudwatch_logs.',
  risk:
    'Logs kept only on the instance rotate away after a short time and vanish with the instance, so authentication ' +
    'failures, errors and suspicious queries cannot be alerted on or investigated later.',
  remediation: {
    recommendation:
      'Export the engine’s error and audit logs (and others as needed) to CloudWatch Logs and set a retention period ' +
      'on the log groups. Some logs also need a parameter or option group setting to be produced.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --cloudwatch-logs-export-configuration \'{"EnableLogTypes":["postgresql","upgrade"]}\'',
    terraform: 'resource "aws_db_instance" "example" {\n  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]\n}',
    cloudformation: 'Type: AWS::RDS::DBInstance\nProperties:\n  EnableCloudwatchLogsExports: [postgresql, upgrade]',
    console: 'RDS console → Databases → the instance → Modify → Log exports → select the log types.',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html',
  },
  appliesTo: standalone,
  evaluate(db) {
    const logs = db.attributes.enabledCloudwatchLogsExports;
    return logs.length > 0
      ? { status: 'PASS', message: `RDS instance ${db.name} exports ${describeLogs(logs)} to CloudWatch Logs.` }
      : { status: 'FAIL', message: `RDS instance ${db.name} does not export any log to CloudWatch Logs.` };
  },
});
