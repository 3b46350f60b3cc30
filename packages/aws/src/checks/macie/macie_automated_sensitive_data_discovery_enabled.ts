import { defineAwsCheck } from '../../context.ts';
import type { MacieSessionAttributes } from '../../resources/macie.ts';

export default defineAwsCheck<MacieSessionAttributes>({
  id: 'macie_automated_sensitive_data_discovery_enabled',
  service: 'macie',
  title: 'Macie automated sensitive data discovery is enabled',
  severity: 'high',
  resourceType: 'AwsMacieSession',
  requires: ['session', 'automatedDiscovery'],
  categories: ['secrets'],
  description:
    'Checks, in regions where Macie is enabled, that automated sensitive data discovery is turned on, so Macie continuously samples S3 objects and maintains a sensitivity score for every bucket.',
  risk:
    'With Macie enabled but no automated discovery (and no jobs), no S3 object is ever inspected: buckets holding sensitive data stay unknown and the Macie bill buys only bucket inventory.',
  remediation: {
    recommendation:
      'Enable automated sensitive data discovery (from the Macie administrator account for an organization), and review the sensitivity scores it produces.',
    cli: 'aws macie2 update-automated-discovery-configuration --status ENABLED --region <region>',
    console: 'Amazon Macie console → Settings → Automated discovery → Enable.',
    url: 'https://docs.aws.amazon.com/macie/latest/user/discovery-asdd-account-enable.html',
  },
  // Regions without Macie are reported by macie_is_enabled.
  appliesTo: (r) => r.attributes.session !== null && r.attributes.session !== undefined,
  evaluate(r) {
    const session = r.attributes.session;
    const d = r.attributes.automatedDiscovery;
    if (!session || !d) return { status: 'FAIL', message: `${r.name} is not enabled, so automated sensitive data discovery is off.` };
    if (d.status !== 'ENABLED') return { status: 'FAIL', message: `${r.name} has automated sensitive data discovery ${d.status}.` };
    if (session.status !== 'ENABLED') {
      return { status: 'FAIL', message: `${r.name} has automated discovery enabled but Macie is ${session.status}, so it does not run.` };
    }
    return { status: 'PASS', message: `${r.name} has automated sensitive data discovery enabled.` };
  },
});
