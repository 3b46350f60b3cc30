import { defineAwsCheck } from '../../context.ts';
import type { Ec2InstanceAttributes } from '../../resources/ec2-compute.ts';

export default defineAwsCheck<Ec2InstanceAttributes>({
  id: 'ec2_instance_paravirtual_type',
  service: 'ec2',
  title: 'EC2 instances use HVM virtualization, not paravirtual (PV)',
  severity: 'medium',
  resourceType: 'AwsEc2Instance',
  requires: ['virtualizationType'],
  categories: ['node-security'],
  description: 'Checks that no instance runs with the legacy paravirtual (PV) virtualization type.',
  risk:
    'PV instances run only on previous-generation instance types with old kernels and miss the hardware security features and fixes of current Nitro/HVM instances; their AMIs are no longer maintained.',
  remediation: {
    recommendation: 'Rebuild the workload on a current HVM AMI and a current-generation instance type, then terminate the PV instance.',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ComponentsAMIs.html#virtualization_types',
  },
  evaluate(instance) {
    const type = instance.attributes.virtualizationType;
    return type === 'paravirtual'
      ? { status: 'FAIL', message: `EC2 instance ${instance.name} uses paravirtual virtualization.` }
      : { status: 'PASS', message: `EC2 instance ${instance.name} uses ${type ?? 'HVM'} virtualization.` };
  },
});
