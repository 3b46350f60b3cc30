import { defineAwsCheck } from '../../context.ts';
import type { RdsDbClusterAttributes } from '../../resources/rds.ts';
import { describeLogs } from './helpers.ts';

export default defineAwsCheck<RdsDbClusterAttributes>({
  id: 'rds_cluster_integration_cloudwatch_logs',
  service: 'rds',
  title: 'RDS DB clusters export their database logs to CloudWatch Logs',
  severity: 'medium',
  resourceType: 'AwsRdsDbCluster',
  requires: ['enabledCloudwatchLogsExports', 'engineMode'],
  categories: ['logging'],
  description:
    'Checks that Aurora and Multi-AZ DB clusters publish at least one database log type (audit, error, general, slow ' +
    'query, postgresql, …) to CloudWatch Logs. Aurora Serverless v1 clusters, which manage log publishing themselves, ' +
    'are not evaluated.',
  risk:
    'Logs that stay on the instances are rotated away quickly and lost when instances are replaced, leaving no trail ' +
    'to alert on or to investigate unauthorized access and errors.',
  remediation: {
    recommendation:
      'Export the audit and error logs (and others you need) to CloudWatch Logs and set a retention period on the log ' +
      'groups; Aurora MySQL also needs the audit log enabled in the cluster parameter group.',
    cli: 'aws rds modify-db-cluster --db-cluster-identifier <cluster> --cloudwatch-logs-export-configuration \'{"EnableLogTypes":["audit","error"]}\'',
    terraform: 'resource "aws_rds_cluster" "example" {\n  enabled_cloudwatch_logs_exports = ["audit", "error"]\n}',
    cloudformation: 'Type: AWS::RDS::DBCluster\nProperties:\n  EnableCloudwatchLogsExports: [audit, error]',
    console: 'RDS console → Databases → the cluster → Modify → Log exports → select the log types.',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/publishing_cloudwatchlogs.html',
  },
  appliesTo: (c) => c.attributes.engineMode !== 'serverless',
  evaluate(c) {
    const logs = c.attributes.enabledCloudwatchLogsExports;
    return logs.length > 0
      ? { status: 'PASS', message: `RDS cluster ${c.name} exports ${describeLogs(logs)} to CloudWatch Logs.` }
      : { status: 'FAIL', message: `RDS cluster ${c.name} does not export any log to CloudWatch Logs.` };
  },
});
