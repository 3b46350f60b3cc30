import { defineAwsCheck } from '../../context.ts';
import type { ConfigRecorderRegionAttributes } from '../../resources/config.ts';

const SERVICE_ROLE = /^arn:[a-z-]+:iam::\d{12}:role\/aws-service-role\/config\.amazonaws\.com\/AWSServiceRoleForConfig$/;

export default defineAwsCheck<ConfigRecorderRegionAttributes>({
  id: 'config_recorder_using_aws_service_role',
  service: 'config',
  title: 'AWS Config recorder uses the AWSServiceRoleForConfig service-linked role',
  severity: 'medium',
  resourceType: 'AwsConfigRecorderRegion',
  requires: ['recorders'],
  categories: ['identity-access'],
  description:
    'Checks, for each region with a customer managed configuration recorder, that the recorder uses the AWS Config service-linked role rather than a custom IAM role.',
  risk: 'A custom role can lose permissions as it is edited, silently stopping recording of some resource types, or be given more permissions than AWS Config needs. The service-linked role is maintained by AWS and cannot be modified.',
  remediation: {
    recommendation: 'Create the AWS Config service-linked role if needed and update the recorder to use it.',
    cli: 'aws iam create-service-linked-role --aws-service-name config.amazonaws.com\naws configservice put-configuration-recorder --configuration-recorder name=<recorder>,roleARN=arn:aws:iam::<account>:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig --recording-group allSupported=true',
    terraform:
      'resource "aws_iam_service_linked_role" "config" {\n  aws_service_name = "config.amazonaws.com"\n}\n\nresource "aws_config_configuration_recorder" "default" {\n  name     = "default"\n  role_arn = aws_iam_service_linked_role.config.arn\n}',
    console: 'AWS Config console → Settings → Edit → IAM role for AWS Config: Use an existing AWS Config service-linked role.',
    url: 'https://docs.aws.amazon.com/config/latest/developerguide/using-service-linked-roles.html',
  },
  // Only regions with a customer managed recorder (service-linked recorders have no role of their own).
  appliesTo: (region) => (region.attributes.recorders ?? []).some((r) => !r.servicePrincipal),
  evaluate(region) {
    const recorders = region.attributes.recorders.filter((r) => !r.servicePrincipal);
    const custom = recorders.filter((r) => !r.roleArn || !SERVICE_ROLE.test(r.roleArn));
    if (custom.length === 0) {
      return {
        status: 'PASS',
        message: `Region ${region.name} AWS Config recorder ${recorders.map((r) => r.name).join(', ')} uses the AWSServiceRoleForConfig service-linked role.`,
      };
    }
    const r = custom[0];
    return {
      status: 'FAIL',
      message: `Region ${region.name} AWS Config recorder ${r?.name} uses ${r?.roleArn ?? 'no role'} instead of the AWSServiceRoleForConfig service-linked role.`,
    };
  },
});
