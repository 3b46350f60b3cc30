import { defineAwsCheck } from '../../context.ts';
import { describePublicStatements, publicStatements } from '../../lib/resource-policy.ts';
import type { SqsQueueAttributes } from '../../resources/sqs.ts';

export default defineAwsCheck<SqsQueueAttributes>({
  id: 'sqs_queues_not_publicly_accessible',
  service: 'sqs',
  title: 'SQS queue access policy does not grant access to everyone',
  severity: 'critical',
  resourceType: 'AwsSqsQueue',
  requires: ['policy'],
  categories: ['internet-exposed'],
  description:
    'Checks the SQS queue policy for Allow statements whose principal is everyone and that have no condition ' +
    'limiting the caller (such as aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID or aws:SourceVpce).',
  risk:
    'Any AWS account could send forged messages into the queue, read and delete the messages meant for your ' +
    'consumers, or purge the queue, depending on the actions allowed.',
  remediation: {
    recommendation:
      'Grant queue actions only to named accounts, roles or services, and add an aws:SourceArn condition to ' +
      'statements for services such as SNS or S3.',
    cli: 'aws sqs set-queue-attributes --queue-url <queue-url> --attributes file://policy-attributes.json',
    terraform: 'resource "aws_sqs_queue_policy" "p" {\n  queue_url = aws_sqs_queue.q.id\n  policy    = data.aws_iam_policy_document.restricted.json\n}',
    console: 'SQS console → Queues → <queue> → Access policy → Edit.',
    url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html',
  },
  evaluate(queue) {
    const open = publicStatements(queue.attributes.policy);
    return open.length > 0
      ? {
          status: 'FAIL',
          message: `SQS queue ${queue.name} policy grants access to everyone: ${describePublicStatements(open)}.`,
        }
      : { status: 'PASS', message: `SQS queue ${queue.name} policy grants no public access.` };
  },
});
