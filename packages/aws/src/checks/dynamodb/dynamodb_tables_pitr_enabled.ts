import { defineAwsCheck } from '../../context.ts';
import type { DynamoDbTableAttributes } from '../../resources/dynamodb.ts';

export default defineAwsCheck<DynamoDbTableAttributes>({
  id: 'dynamodb_tables_pitr_enabled',
  service: 'dynamodb',
  title: 'DynamoDB table has point-in-time recovery enabled',
  severity: 'medium',
  resourceType: 'AwsDynamoDbTable',
  requires: ['continuousBackups'],
  categories: ['resilience'],
  description: 'Checks that point-in-time recovery (continuous backups) is enabled for the table.',
  risk:
    'Without point-in-time recovery, accidental writes or deletes, faulty deployments or malicious changes can ' +
    'only be undone from on-demand backups, if any exist, losing everything written since.',
  remediation: {
    recommendation: 'Enable point-in-time recovery on the table, with a recovery period that meets your recovery objectives.',
    cli: 'aws dynamodb update-continuous-backups --table-name <table> --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true',
    terraform: 'resource "aws_dynamodb_table" "t" {\n  # ...\n  point_in_time_recovery {\n    enabled = true\n  }\n}',
    cloudformation: 'Type: AWS::DynamoDB::Table\nProperties:\n  PointInTimeRecoverySpecification:\n    PointInTimeRecoveryEnabled: true',
    console: 'DynamoDB console → Tables → <table> → Backups → Point-in-time recovery → Edit → Turn on.',
    url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery_Howitworks.html',
  },
  evaluate(table) {
    const pitr = table.attributes.continuousBackups;
    if (pitr.pointInTimeRecoveryStatus === 'ENABLED') {
      const period = pitr.recoveryPeriodInDays ? ` with a ${pitr.recoveryPeriodInDays}-day recovery period` : '';
      return { status: 'PASS', message: `DynamoDB table ${table.name} has point-in-time recovery enabled${period}.` };
    }
    return { status: 'FAIL', message: `DynamoDB table ${table.name} does not have point-in-time recovery enabled.` };
  },
});
