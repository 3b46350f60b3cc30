import { gzipSync } from 'node:zlib';
import { DescribeInstanceAttributeCommand, DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector, { decodeUserData, stateTransitionTime } from './compute-instances.collector.ts';

const ec2 = mockClient(EC2Client);

const running = {
  InstanceId: 'i-0a1b2c3d4e5f60001',
  ImageId: 'ami-0123456789abcdef0',
  InstanceType: 't3.micro' as const,
  State: { Code: 16, Name: 'running' as const },
  LaunchTime: new Date('2026-01-10T08:00:00Z'),
  StateTransitionReason: '',
  PrivateIpAddress: '10.0.1.15',
  PublicIpAddress: '54.210.1.2',
  PublicDnsName: 'ec2-54-210-1-2.compute-1.amazonaws.com',
  SubnetId: 'subnet-0aaa',
  VpcId: 'vpc-0bbb',
  EbsOptimized: true,
  VirtualizationType: 'hvm' as const,
  IamInstanceProfile: { Arn: 'arn:aws:iam::123456789012:instance-profile/web', Id: 'AIPAEXAMPLE' },
  Monitoring: { State: 'disabled' as const },
  MetadataOptions: { State: 'applied' as const, HttpTokens: 'required' as const, HttpEndpoint: 'enabled' as const, HttpPutResponseHopLimit: 2 },
  SecurityGroups: [{ GroupId: 'sg-0001', GroupName: 'web' }],
  NetworkInterfaces: [
    { NetworkInterfaceId: 'eni-1', Groups: [{ GroupId: 'sg-0001', GroupName: 'web' }] },
    { NetworkInterfaceId: 'eni-2', Groups: [{ GroupId: 'sg-0002', GroupName: 'mgmt' }] },
  ],
  Tags: [{ Key: 'Name', Value: 'web-1' }],
};

const stopped = {
  InstanceId: 'i-0a1b2c3d4e5f60002',
  State: { Code: 80, Name: 'stopped' as const },
  LaunchTime: new Date('2025-03-01T00:00:00Z'),
  StateTransitionReason: 'User initiated (2025-04-02 10:11:12 GMT)',
  MetadataOptions: { HttpTokens: 'optional' as const, HttpEndpoint: 'enabled' as const },
  Monitoring: { State: 'enabled' as const },
  SecurityGroups: [],
};

const terminated = { InstanceId: 'i-0a1b2c3d4e5f60003', State: { Code: 48, Name: 'terminated' as const } };

describe('ec2-instances collector', () => {
  beforeEach(() => ec2.reset());

  it('lists every page, skips terminated instances and reads user data', async () => {
    ec2
      .on(DescribeInstancesCommand)
      .resolvesOnce({ Reservations: [{ ReservationId: 'r-1', Instances: [running, terminated] }], NextToken: 'page2' })
      .resolvesOnce({ Reservations: [{ ReservationId: 'r-2', Instances: [stopped] }] });
    ec2
      .on(DescribeInstanceAttributeCommand, { InstanceId: running.InstanceId, Attribute: 'userData' })
      .resolves({ InstanceId: running.InstanceId, UserData: { Value: Buffer.from('#!/bin/bash\nyum -y update\n').toString('base64') } })
      .on(DescribeInstanceAttributeCommand, { InstanceId: stopped.InstanceId, Attribute: 'userData' })
      .resolves({ InstanceId: stopped.InstanceId, UserData: {} });
    const { resources } = await collect(collector);
    expect(ec2.commandCalls(DescribeInstancesCommand)[1]?.args[0].input).toMatchObject({ NextToken: 'page2' });
    expect(resources.map((r) => r.name)).toEqual([running.InstanceId, stopped.InstanceId]);
    const [a, b] = resources;
    expect(a?.id).toBe('arn:aws:ec2:us-east-1:123456789012:instance/i-0a1b2c3d4e5f60001');
    expect(a?.tags).toEqual({ Name: 'web-1' });
    expect(a?.attributes).toMatchObject({
      state: 'running',
      launchTime: '2026-01-10T08:00:00.000Z',
      publicIp: '54.210.1.2',
      iamInstanceProfileArn: 'arn:aws:iam::123456789012:instance-profile/web',
      metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled', httpPutResponseHopLimit: 2 },
      monitoringState: 'disabled',
      securityGroupIds: ['sg-0001', 'sg-0002'],
      subnetId: 'subnet-0aaa',
      imageId: 'ami-0123456789abcdef0',
      ebsOptimized: true,
      userData: '#!/bin/bash\nyum -y update\n',
    });
    expect(b?.attributes).toMatchObject({
      state: 'stopped',
      publicIp: null,
      iamInstanceProfileArn: null,
      stateTransitionTime: '2025-04-02T10:11:12.000Z',
      securityGroupIds: [],
      userData: null,
    });
    expect(a?.errors).toEqual({});
  });

  it('maps InvalidInstanceID.NotFound on user data (instance gone) to null', async () => {
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [running] }] });
    ec2.on(DescribeInstanceAttributeCommand).rejects(awsError('InvalidInstanceID.NotFound', 'The instance ID does not exist'));
    const { resources } = await collect(collector);
    expect(resources[0]?.attributes).toMatchObject({ userData: null });
    expect(resources[0]?.errors).toEqual({});
  });

  it('records UnauthorizedOperation on the user data enrichment', async () => {
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [running] }] });
    ec2.on(DescribeInstanceAttributeCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
    const { resources } = await collect(collector);
    expect(resources[0]?.errors.userData?.code).toBe('UnauthorizedOperation');
    expect(resources[0]?.attributes).not.toHaveProperty('userData');
    expect(resources[0]?.attributes).toMatchObject({ state: 'running' });
  });

  it('rejects when the listing is denied', async () => {
    ec2.on(DescribeInstancesCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
    await expect(collect(collector)).rejects.toThrow(/not authorized/);
  });

  it('retries RequestLimitExceeded', async () => {
    ec2
      .on(DescribeInstancesCommand)
      .rejectsOnce(awsError('RequestLimitExceeded', 'Request limit exceeded.', 503))
      .resolves({ Reservations: [{ Instances: [stopped] }] });
    const { resources, stats } = await collect(collector, { wants: [] });
    expect(resources).toHaveLength(1);
    expect(stats.throttles).toBe(1);
    expect(stats.apiCalls).toBe(2);
  });

  it('makes no DescribeInstanceAttribute call when no check wants user data', async () => {
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [running, stopped] }] });
    const { resources, stats } = await collect(collector, { wants: [] });
    expect(resources).toHaveLength(2);
    expect(ec2.commandCalls(DescribeInstanceAttributeCommand)).toHaveLength(0);
    expect(stats.apiCalls).toBe(1);
  });

  it('decodes gzip-compressed user data and parses state transition times', () => {
    const gz = gzipSync(Buffer.from('#cloud-config\npackages: [nginx]\n')).toString('base64');
    expect(decodeUserData(gz)).toBe('#cloud-config\npackages: [nginx]\n');
    expect(decodeUserData(undefined)).toBeNull();
    expect(stateTransitionTime('Server.ScheduledStop (2024-12-31 23:59:59 GMT)')).toBe('2024-12-31T23:59:59.000Z');
    expect(stateTransitionTime('')).toBeNull();
  });
});
