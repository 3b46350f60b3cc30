import { defineAwsCheck } from '../../context.ts';
import type { RdsDbInstanceAttributes } from '../../resources/rds.ts';

export default defineAwsCheck<RdsDbInstanceAttributes>({
  id: 'rds_instance_enhanced_monitoring_enabled',
  service: 'rds',
  title: 'RDS DB instances have Enhanced Monitoring enabled',
  severity: 'low',
  resourceType: 'AwsRdsDbInstance',
  requires: ['monitoringInterval'],
  categories: ['logging'],
  description:
    'Checks that Enhanced Monitoring, which collects operating-system metrics from the database host at intervals of ' +
    '1 to 60 seconds, is turned on for every RDS DB instance, Aurora instances included (it is an instance setting).',
  risk:
    'Without OS-level metrics, CPU steal, memory pressure, swapping or runaway processes are hard to diagnose, which ' +
    'slows down incident response and capacity planning.',
  remediation: {
    recommendation: 'Enable Enhanced Monitoring with a granularity that suits you (60 seconds is inexpensive) and a monitoring role.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --monitoring-interval 60 --monitoring-role-arn <rds-monitoring-role-arn>',
    terraform: 'resource "aws_db_instance" "example" {\n  monitoring_interval = 60\n  monitoring_role_arn = aws_iam_role.rds_monitoring.arn\n}',
    cloudformation: 'Type: AWS::RDS::DBInstance\nProperties:\n  MonitoringInterval: 60\n  MonitoringRoleArn: !GetAtt RdsMonitoringRole.Arn',
    console: 'RDS console → Databases → the instance → Modify → Monitoring → Enable Enhanced Monitoring.',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.Enabling.html',
  },
  evaluate(db) {
    const interval = db.attributes.monitoringInterval;
    return interval > 0
      ? { status: 'PASS', message: `RDS instance ${db.name} has Enhanced Monitoring enabled every ${interval} seconds.` }
      : { status: 'FAIL', message: `RDS instance ${db.name} does not have Enhanced Monitoring enabled.` };
  },
});
