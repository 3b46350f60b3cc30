/** Test fixtures for the EC2 compute and storage checks, shaped as the compute collectors produce them. */
import type { Resource } from '@vigil/engine';
import type {
  Ec2EipAttributes,
  Ec2ImageAttributes,
  Ec2InstanceAttributes,
  Ec2LaunchTemplateAttributes,
  Ec2RegionalSettingsAttributes,
  Ec2SnapshotAttributes,
} from '../../../resources/ec2-compute.ts';
import { buildResource } from '../../../testing/index.ts';

export const INSTANCE_ID = 'i-0a1b2c3d4e5f60001';

/** A running, private, IMDSv2-only instance with an instance profile; override what a case needs. */
export function instance(a: Partial<Ec2InstanceAttributes> = {}, o: { name?: string; region?: string } = {}): Resource<Ec2InstanceAttributes> {
  const name = o.name ?? a.instanceId ?? INSTANCE_ID;
  return buildResource<Ec2InstanceAttributes>(
    'AwsEc2Instance',
    {
      instanceId: name,
      state: 'running',
      instanceType: 't3.micro',
      launchTime: '2026-10-01T00:00:00.000Z',
      stateTransitionTime: null,
      publicIp: null,
      publicDnsName: null,
      privateIp: '10.0.1.10',
      iamInstanceProfileArn: 'arn:aws:iam::123456789012:instance-profile/app',
      metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled', httpPutResponseHopLimit: 2 },
      monitoringState: 'enabled',
      securityGroupIds: [],
      subnetId: 'subnet-0aaa',
      vpcId: 'vpc-0a1b2c3d',
      imageId: 'ami-0123456789abcdef0',
      ebsOptimized: true,
      virtualizationType: 'hvm',
      platform: null,
      userData: null,
      ...a,
    },
    { name, ...(o.region ? { region: o.region } : {}), id: `arn:aws:ec2:${o.region ?? 'us-east-1'}:123456789012:instance/${name}` },
  );
}

export function snapshot(a: Partial<Ec2SnapshotAttributes> = {}): Resource<Ec2SnapshotAttributes> {
  const name = a.snapshotId ?? 'snap-0123456789abcdef0';
  return buildResource<Ec2SnapshotAttributes>(
    'AwsEc2Snapshot',
    {
      snapshotId: name,
      volumeId: 'vol-0001',
      encrypted: true,
      kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/abcd',
      state: 'completed',
      startTime: '2026-09-01T00:00:00.000Z',
      createVolumePermissions: [],
      ...a,
    },
    { name },
  );
}

export function image(a: Partial<Ec2ImageAttributes> = {}): Resource<Ec2ImageAttributes> {
  const name = a.imageId ?? 'ami-0123456789abcdef0';
  return buildResource<Ec2ImageAttributes>(
    'AwsEc2Image',
    { imageId: name, imageName: 'golden', public: false, state: 'available', creationDate: null, deprecationTime: null, ...a },
    { name },
  );
}

export function eip(a: Partial<Ec2EipAttributes> = {}): Resource<Ec2EipAttributes> {
  return buildResource<Ec2EipAttributes>(
    'AwsEc2Eip',
    {
      allocationId: 'eipalloc-0001',
      publicIp: '3.210.10.20',
      associationId: 'eipassoc-0001',
      instanceId: 'i-0001',
      networkInterfaceId: 'eni-0001',
      domain: 'vpc',
      ...a,
    },
    { name: a.publicIp ?? '3.210.10.20' },
  );
}

export function launchTemplate(a: Partial<Ec2LaunchTemplateAttributes> = {}, name = 'app-template'): Resource<Ec2LaunchTemplateAttributes> {
  return buildResource<Ec2LaunchTemplateAttributes>(
    'AwsEc2LaunchTemplate',
    {
      launchTemplateId: 'lt-0123456789abcdef0',
      defaultVersionNumber: 1,
      latestVersionNumber: 1,
      versions: [
        { versionNumber: 1, isDefault: true, metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled' }, associatePublicIpAddress: false },
      ],
      versionsUserData: [{ versionNumber: 1, userData: null }],
      ...a,
    },
    { name },
  );
}

export function regionalSettings(a: Partial<Ec2RegionalSettingsAttributes> = {}): Resource<Partial<Ec2RegionalSettingsAttributes>> {
  return buildResource<Partial<Ec2RegionalSettingsAttributes>>('AwsEc2RegionalSettings', a, { name: '123456789012/us-east-1' });
}
