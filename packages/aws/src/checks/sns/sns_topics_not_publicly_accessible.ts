import { defineAwsCheck } from '../../context.ts';
import { describePublicStatements, publicStatements } from '../../lib/resource-policy.ts';
import type { SnsTopicAttributes } from '../../resources/sns.ts';

export default defineAwsCheck<SnsTopicAttributes>({
  id: 'sns_topics_not_publicly_accessible',
  service: 'sns',
  title: 'SNS topic access policy does not grant access to everyone',
  severity: 'high',
  resourceType: 'AwsSnsTopic',
  requires: ['policy'],
  categories: ['internet-exposed'],
  description:
    'Checks the SNS topic access policy for Allow statements whose principal is everyone and that have no ' +
    'condition limiting the caller (such as aws:SourceOwner, aws:SourceAccount, aws:SourceArn or aws:PrincipalOrgID).',
  risk:
    'Any AWS account could publish forged messages to the topic, subscribe its own endpoints to receive every ' +
    'message, or change the topic, depending on the actions allowed.',
  remediation: {
    recommendation:
      'Replace the "*" principal with the accounts, roles or services that need access, or add a condition such as ' +
      'aws:SourceOwner or aws:SourceArn to the statement.',
    cli: 'aws sns set-topic-attributes --topic-arn <topic-arn> --attribute-name Policy --attribute-value file://policy.json',
    terraform: 'resource "aws_sns_topic_policy" "p" {\n  arn    = aws_sns_topic.t.arn\n  policy = data.aws_iam_policy_document.restricted.json\n}',
    console: 'SNS console → Topics → <topic> → Edit → Access policy.',
    url: 'https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html',
  },
  evaluate(topic) {
    const open = publicStatements(topic.attributes.policy);
    return open.length > 0
      ? {
          status: 'FAIL',
          message: `SNS topic ${topic.name} access policy grants access to everyone: ${describePublicStatements(open)}.`,
        }
      : { status: 'PASS', message: `SNS topic ${topic.name} access policy grants no public access.` };
  },
});
