import { defineAwsCheck } from '../../context.ts';
import type { DynamoDbTableAttributes } from '../../resources/dynamodb.ts';

export default defineAwsCheck<DynamoDbTableAttributes>({
  id: 'dynamodb_table_deletion_protection_enabled',
  service: 'dynamodb',
  title: 'DynamoDB table has deletion protection enabled',
  severity: 'medium',
  resourceType: 'AwsDynamoDbTable',
  requires: ['deletionProtectionEnabled'],
  categories: ['resilience'],
  description: 'Checks that deletion protection is turned on for the table, so that DeleteTable fails until it is turned off.',
  risk: 'A table without deletion protection can be dropped by a single mistaken command, script or compromised principal, taking the data and its point-in-time recovery history with it.',
  remediation: {
    recommendation: 'Turn on deletion protection for tables that hold data you need to keep.',
    cli: 'aws dynamodb update-table --table-name <table> --deletion-protection-enabled',
    terraform: 'resource "aws_dynamodb_table" "t" {\n  # ...\n  deletion_protection_enabled = true\n}',
    cloudformation: 'Type: AWS::DynamoDB::Table\nProperties:\n  DeletionProtectionEnabled: true',
    console: 'DynamoDB console → Tables → <table> → Additional settings → Deletion protection → Turn on.',
    url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html#WorkingWithTables.Basics.DeletionProtection',
  },
  evaluate(table) {
    return table.attributes.deletionProtectionEnabled
      ? { status: 'PASS', message: `DynamoDB table ${table.name} has deletion protection enabled.` }
      : { status: 'FAIL', message: `DynamoDB table ${table.name} does not have deletion protection enabled.` };
  },
});
