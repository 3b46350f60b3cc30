import { defineAwsCheck } from '../../context.ts';
import type { Ec2InstanceAttributes } from '../../resources/ec2-compute.ts';
import { describeSecrets, findSecrets } from './lib/compute-secrets.ts';

export default defineAwsCheck<Ec2InstanceAttributes>({
  id: 'ec2_instance_secrets_user_data',
  service: 'ec2',
  title: 'EC2 instance user data contains no secrets',
  severity: 'high',
  resourceType: 'AwsEc2Instance',
  requires: ['userData'],
  categories: ['secrets'],
  description:
    'Scans the user data of every instance for well-known credential formats (AWS access keys, private keys, GitHub, Slack, Stripe and Google API tokens, passwords in URLs) and literal password or API key assignments.',
  risk:
    'User data is readable by anyone allowed to describe instance attributes and by any process on the instance through the metadata service, and it is copied into images and launch templates; secrets placed there leak widely and are rarely rotated.',
  remediation: {
    recommendation:
      'Rotate the exposed credentials, remove them from the user data, and have the boot script fetch secrets at run time from Secrets Manager or SSM Parameter Store using the instance role.',
    cli: 'aws ec2 stop-instances --instance-ids <instance-id>\naws ec2 modify-instance-attribute --instance-id <instance-id> --attribute userData --value file://clean-user-data.txt',
    url: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets.html',
  },
  evaluate(instance) {
    const data = instance.attributes.userData;
    if (!data) return { status: 'PASS', message: `EC2 instance ${instance.name} has no user data.` };
    const secrets = findSecrets(data);
    return secrets.length
      ? { status: 'FAIL', message: `EC2 instance ${instance.name} has possible secrets in its user data: ${describeSecrets(secrets)}.` }
      : { status: 'PASS', message: `EC2 instance ${instance.name} has no secrets detected in its user data.` };
  },
});
