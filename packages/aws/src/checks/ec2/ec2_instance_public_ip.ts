import { defineAwsCheck } from '../../context.ts';
import type { Ec2InstanceAttributes } from '../../resources/ec2-compute.ts';

export default defineAwsCheck<Ec2InstanceAttributes>({
  id: 'ec2_instance_public_ip',
  service: 'ec2',
  title: 'EC2 instances have no public IPv4 address',
  severity: 'medium',
  resourceType: 'AwsEc2Instance',
  requires: ['publicIp'],
  categories: ['internet-exposed'],
  description:
    'Checks that no instance has a public IPv4 address (auto-assigned or Elastic IP). Stopped instances normally have none; Elastic IPs stay attached.',
  risk:
    'A public address makes the instance directly reachable from the internet: one permissive security group rule is then enough to expose its services to scanning and exploitation.',
  remediation: {
    recommendation:
      'Run instances in private subnets and publish services through a load balancer, API Gateway or CloudFront; use Session Manager or a VPN instead of public SSH/RDP. Turn off public IP auto-assignment on subnets and launch templates.',
    cli: 'aws ec2 modify-subnet-attribute --subnet-id <subnet-id> --no-map-public-ip-on-launch\naws ec2 disassociate-address --association-id <association-id>  # for an Elastic IP',
    terraform: 'resource "aws_instance" "app" {\n  # ...\n  associate_public_ip_address = false\n}',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html',
  },
  evaluate(instance) {
    const ip = instance.attributes.publicIp;
    return ip
      ? { status: 'FAIL', message: `EC2 instance ${instance.name} has public IP address ${ip}.` }
      : { status: 'PASS', message: `EC2 instance ${instance.name} has no public IP address.` };
  },
});
