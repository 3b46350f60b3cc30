import { defineAwsCheck } from '../../context.ts';
import type { Ec2LaunchTemplateAttributes } from '../../resources/ec2-compute.ts';
import { describeSecrets, findSecrets } from './lib/compute-secrets.ts';

export default defineAwsCheck<Ec2LaunchTemplateAttributes>({
  id: 'ec2_launch_template_no_secrets',
  service: 'ec2',
  title: 'Launch template user data contains no secrets',
  severity: 'high',
  resourceType: 'AwsEc2LaunchTemplate',
  requires: ['versionsUserData'],
  categories: ['secrets'],
  description:
    'Scans the user data of the default and latest version of every launch template for well-known credential formats and literal password or API key assignments.',
  risk:
    'Launch template user data can be read by anyone allowed to describe launch template versions and is handed to every instance started from the template; embedded secrets leak widely and are hard to rotate.',
  remediation: {
    recommendation:
      'Rotate the exposed credentials, publish a template version whose user data reads secrets at boot from Secrets Manager or Parameter Store, and delete the versions that contain them.',
    cli: 'aws ec2 delete-launch-template-versions --launch-template-id <lt-id> --versions <version>',
    url: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets.html',
  },
  evaluate(template) {
    const versions = template.attributes.versionsUserData;
    if (versions === null) return { status: 'PASS', message: `Launch template ${template.name} was deleted during the scan.` };
    const found = versions
      .map((v) => ({ version: v.versionNumber, secrets: findSecrets(v.userData) }))
      .filter((v) => v.secrets.length > 0);
    if (found.length === 0) return { status: 'PASS', message: `Launch template ${template.name} has no secrets detected in its user data.` };
    const details = found.map((v) => `version ${v.version}: ${describeSecrets(v.secrets)}`).join('; ');
    return { status: 'FAIL', message: `Launch template ${template.name} has possible secrets in its user data (${details}).` };
  },
});
