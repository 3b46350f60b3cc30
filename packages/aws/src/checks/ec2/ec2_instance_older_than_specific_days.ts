import { z } from 'zod';
import { defineAwsCheck } from '../../context.ts';
import type { Ec2InstanceAttributes } from '../../resources/ec2-compute.ts';

const DAY_MS = 86_400_000;

export default defineAwsCheck<Ec2InstanceAttributes, z.ZodObject<{ maxInstanceAgeDays: z.ZodDefault<z.ZodNumber> }>>({
  id: 'ec2_instance_older_than_specific_days',
  service: 'ec2',
  title: 'Running EC2 instances were launched within the last 180 days',
  severity: 'medium',
  resourceType: 'AwsEc2Instance',
  requires: ['state', 'launchTime'],
  categories: [],
  options: z.object({ maxInstanceAgeDays: z.number().int().positive().default(180) }),
  description:
    'Checks that running instances have been (re)launched within the last 180 days (configurable with maxInstanceAgeDays). The launch time is reset when an instance is stopped and started.',
  risk:
    'Long-lived instances drift from their image, miss operating system and agent updates and accumulate manual changes, which leaves known vulnerabilities open and makes rebuilding them risky.',
  remediation: {
    recommendation:
      'Replace long-running instances regularly from an up-to-date image (immutable infrastructure, Auto Scaling instance refresh), or at least patch them with Systems Manager Patch Manager.',
    cli: 'aws autoscaling start-instance-refresh --auto-scaling-group-name <asg-name>',
    url: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/patch-manager.html',
  },
  appliesTo: (instance) => instance.attributes.state === 'running',
  evaluate(instance, ctx) {
    const max = ctx.options.maxInstanceAgeDays;
    const launched = instance.attributes.launchTime;
    if (!launched) return { status: 'MANUAL', message: `EC2 instance ${instance.name} has no launch time to assess its age.` };
    const days = Math.floor((ctx.now.getTime() - new Date(launched).getTime()) / DAY_MS);
    return days > max
      ? { status: 'FAIL', message: `EC2 instance ${instance.name} was launched ${days} days ago (more than ${max}).` }
      : { status: 'PASS', message: `EC2 instance ${instance.name} was launched ${days} days ago (limit ${max}).` };
  },
});
