import { defineAwsCheck } from '../../context.ts';
import type { AccountAttributes } from '../../resources/iam.ts';
import { describeEntities } from './lib/entities.ts';

export default defineAwsCheck<AccountAttributes>({
  id: 'iam_policy_cloudshell_admin_not_attached',
  service: 'iam',
  title: 'AWSCloudShellFullAccess policy is not attached to any IAM user, group or role',
  severity: 'medium',
  resourceType: 'AwsAccount',
  requires: ['cloudShellFullAccessEntities'],
  categories: ['identity-access'],
  description: 'Checks that the AWS-managed AWSCloudShellFullAccess policy is not attached to any user, group or role.',
  risk: 'Full CloudShell access includes uploading and downloading files and unrestricted internet access from the shell, an easy channel to bring in tools or move data out.',
  remediation: {
    recommendation:
      'Detach AWSCloudShellFullAccess and grant a custom policy with only the CloudShell actions the people need (for example without file transfer).',
    cli: 'aws iam detach-role-policy --role-name NAME --policy-arn arn:aws:iam::aws:policy/AWSCloudShellFullAccess',
    url: 'https://docs.aws.amazon.com/cloudshell/latest/userguide/sec-auth-with-identities.html',
  },
  evaluate(account) {
    const e = account.attributes.cloudShellFullAccessEntities;
    if (!e || e.users.length + e.groups.length + e.roles.length === 0) {
      return { status: 'PASS', message: `Account ${account.name} has AWSCloudShellFullAccess attached to nothing.` };
    }
    return { status: 'FAIL', message: `Account ${account.name} has AWSCloudShellFullAccess attached to ${describeEntities(e)}.` };
  },
});
