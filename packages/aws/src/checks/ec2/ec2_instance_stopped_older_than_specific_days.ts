import { z } from 'zod';
import { defineAwsCheck } from '../../context.ts';
import type { Ec2InstanceAttributes } from '../../resources/ec2-compute.ts';

const DAY_MS = 86_400_000;

export default defineAwsCheck<Ec2InstanceAttributes, z.ZodObject<{ maxStoppedDays: z.ZodDefault<z.ZodNumber> }>>({
  id: 'ec2_instance_stopped_older_than_specific_days',
  service: 'ec2',
  title: 'EC2 instances have not been stopped for more than 30 days',
  severity: 'low',
  resourceType: 'AwsEc2Instance',
  requires: ['state', 'stateTransitionTime'],
  categories: [],
  options: z.object({ maxStoppedDays: z.number().int().positive().default(30) }),
  description:
    'Checks that stopped instances have not been stopped for longer than 30 days (configurable with maxStoppedDays), using the time AWS records in the state transition reason.',
  risk:
    'Forgotten stopped instances keep their volumes, Elastic IPs, roles and stale software; when one is started again months later it comes up unpatched, and meanwhile its disks keep costing money.',
  remediation: {
    recommendation:
      'Terminate instances that are no longer needed (snapshot or image them first if the data matters); for parked workloads, patch them as soon as they are started again.',
    cli: 'aws ec2 create-image --instance-id <instance-id> --name <name>  # optional\naws ec2 terminate-instances --instance-ids <instance-id>',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/terminating-instances.html',
  },
  appliesTo: (instance) => instance.attributes.state === 'stopped',
  evaluate(instance, ctx) {
    const max = ctx.options.maxStoppedDays;
    const since = instance.attributes.stateTransitionTime;
    if (!since) return { status: 'MANUAL', message: `EC2 instance ${instance.name} is stopped but AWS reports no date for the stop.` };
    const days = Math.floor((ctx.now.getTime() - new Date(since).getTime()) / DAY_MS);
    return days > max
      ? { status: 'FAIL', message: `EC2 instance ${instance.name} has been stopped for ${days} days (more than ${max}).` }
      : { status: 'PASS', message: `EC2 instance ${instance.name} has been stopped for ${days} days (limit ${max}).` };
  },
});
