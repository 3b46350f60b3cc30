import { defineAwsCheck } from '../../context.ts';
import type { SqsQueueAttributes } from '../../resources/sqs.ts';

export default defineAwsCheck<SqsQueueAttributes>({
  id: 'sqs_queues_server_side_encryption_enabled',
  service: 'sqs',
  title: 'SQS queue has server-side encryption enabled',
  severity: 'medium',
  resourceType: 'AwsSqsQueue',
  requires: ['kmsMasterKeyId', 'sqsManagedSseEnabled'],
  categories: ['encryption'],
  description: 'Checks that the SQS queue encrypts messages at rest, either with a KMS key (SSE-KMS) or with SQS managed keys (SSE-SQS).',
  risk: 'Messages in an unencrypted queue are stored in clear text, so sensitive payloads are exposed if the underlying storage or backups are accessed.',
  remediation: {
    recommendation: 'Enable SSE-SQS on the queue, or SSE-KMS with a customer managed key when you need to control and audit decryption.',
    cli: 'aws sqs set-queue-attributes --queue-url <queue-url> --attributes SqsManagedSseEnabled=true',
    terraform: 'resource "aws_sqs_queue" "q" {\n  name                    = "orders"\n  sqs_managed_sse_enabled = true\n}',
    cloudformation: 'Type: AWS::SQS::Queue\nProperties:\n  SqsManagedSseEnabled: true',
    console: 'SQS console → Queues → <queue> → Edit → Encryption → Server-side encryption: Enabled.',
    url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html',
  },
  evaluate(queue) {
    const { kmsMasterKeyId, sqsManagedSseEnabled } = queue.attributes;
    if (kmsMasterKeyId) return { status: 'PASS', message: `SQS queue ${queue.name} is encrypted with KMS key ${kmsMasterKeyId}.` };
    if (sqsManagedSseEnabled) return { status: 'PASS', message: `SQS queue ${queue.name} is encrypted with SQS managed keys (SSE-SQS).` };
    return { status: 'FAIL', message: `SQS queue ${queue.name} has server-side encryption disabled.` };
  },
});
