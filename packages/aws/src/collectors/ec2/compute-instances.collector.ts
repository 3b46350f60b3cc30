import { gunzipSync } from 'node:zlib';
import type { Instance } from '@aws-sdk/client-ec2';
import { DescribeInstanceAttributeCommand, EC2Client, paginateDescribeInstances } from '@aws-sdk/client-ec2';
import { defineAwsCollector } from '../../context.ts';
import type { Ec2InstanceAttributes, MetadataOptions } from '../../resources/ec2-compute.ts';
import { tagRecord } from '../../lib/tags.ts';


/** Base64 user data as text, decompressing gzip (cloud-init accepts gzip-compressed user data). */
export function decodeUserData(base64: string | undefined): string | null {
  if (!base64) return null;
  let bytes = Buffer.from(base64, 'base64');
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch {
      // Not valid gzip after all: scan the raw bytes.
    }
  }
  return bytes.toString('utf8');
}

/** `User initiated (2024-01-31 10:00:00 GMT)` → `2024-01-31T10:00:00.000Z`. */
export function stateTransitionTime(reason: string | undefined): string | null {
  const m = /\((\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) GMT\)/.exec(reason ?? '');
  if (!m) return null;
  const d = new Date(`${m[1]}T${m[2]}Z`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function metadataOptions(i: Instance): MetadataOptions | null {
  const m = i.MetadataOptions;
  if (!m) return null;
  return { httpTokens: m.HttpTokens, httpEndpoint: m.HttpEndpoint, httpPutResponseHopLimit: m.HttpPutResponseHopLimit };
}

function securityGroupIds(i: Instance): string[] {
  const ids = new Set<string>();
  for (const g of i.SecurityGroups ?? []) if (g.GroupId) ids.add(g.GroupId);
  for (const eni of i.NetworkInterfaces ?? []) for (const g of eni.Groups ?? []) if (g.GroupId) ids.add(g.GroupId);
  return [...ids];
}

/** EC2 instances (`AwsEc2Instance`, regional), terminated instances excluded. */
export default defineAwsCollector({
  id: 'ec2-instances',
  service: 'ec2',
  resourceType: 'AwsEc2Instance',
  scope: 'regional',
  calls: [{ api: 'DescribeInstances', action: 'ec2:DescribeInstances' }],
  attributes: {
    instanceId: {},
    state: {},
    instanceType: {},
    launchTime: {},
    stateTransitionTime: {},
    publicIp: {},
    publicDnsName: {},
    privateIp: {},
    iamInstanceProfileArn: {},
    metadataOptions: {},
    monitoringState: {},
    securityGroupIds: {},
    subnetId: {},
    vpcId: {},
    imageId: {},
    ebsOptimized: {},
    virtualizationType: {},
    platform: {},
    userData: {
      sensitive: true,
      calls: [{ api: 'DescribeInstanceAttribute', action: 'ec2:DescribeInstanceAttribute' }],
      // The instance was terminated between the listing and this call.
      notConfigured: ['InvalidInstanceID.NotFound'],
    },
  },
  async *collect(ctx) {
    const ec2 = ctx.client(EC2Client);
    for await (const page of paginateDescribeInstances({ client: ec2 }, { MaxResults: 1000 })) {
      const instances = (page.Reservations ?? []).flatMap((r) => r.Instances ?? []);
      const live = instances.filter((i) => i.InstanceId && i.State?.Name !== 'terminated');
      const resources = await ctx.map(
        live,
        async (i) => {
          const instanceId = i.InstanceId as string;
          const r = ctx.resource<Partial<Ec2InstanceAttributes>>({
            id: ctx.arn('ec2', `instance/${instanceId}`),
            name: instanceId,
            tags: tagRecord(i.Tags),
            attributes: {
              instanceId,
              state: i.State?.Name ?? 'unknown',
              instanceType: i.InstanceType ?? null,
              launchTime: i.LaunchTime ? i.LaunchTime.toISOString() : null,
              stateTransitionTime: stateTransitionTime(i.StateTransitionReason),
              publicIp: i.PublicIpAddress || null,
              publicDnsName: i.PublicDnsName || null,
              privateIp: i.PrivateIpAddress || null,
              iamInstanceProfileArn: i.IamInstanceProfile?.Arn ?? null,
              metadataOptions: metadataOptions(i),
              monitoringState: i.Monitoring?.State ?? null,
              securityGroupIds: securityGroupIds(i),
              subnetId: i.SubnetId ?? null,
              vpcId: i.VpcId ?? null,
              imageId: i.ImageId ?? null,
              ebsOptimized: i.EbsOptimized ?? false,
              virtualizationType: i.VirtualizationType ?? null,
              platform: i.Platform ?? null,
            },
          });
          await ctx.enrich(r, 'userData', async () => {
            const out = await ec2.send(new DescribeInstanceAttributeCommand({ InstanceId: instanceId, Attribute: 'userData' }));
            return decodeUserData(out.UserData?.Value);
          });
          return r;
        },
        8,
      );
      yield* resources;
    }
  },
});
