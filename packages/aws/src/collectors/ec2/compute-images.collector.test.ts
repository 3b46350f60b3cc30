import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './compute-images.collector.ts';

const ec2 = mockClient(EC2Client);

const image = (id: string, isPublic: boolean) => ({
  ImageId: id,
  Name: `golden-${id}`,
  OwnerId: '123456789012',
  State: 'available' as const,
  Public: isPublic,
  CreationDate: '2026-01-05T10:00:00.000Z',
  ImageType: 'machine' as const,
  Tags: [{ Key: 'os', Value: 'al2023' }],
});

describe('ec2-images collector', () => {
  beforeEach(() => ec2.reset());

  it('lists owned AMIs over every page', async () => {
    ec2
      .on(DescribeImagesCommand)
      .resolvesOnce({ Images: [image('ami-0000000000000001a', false)], NextToken: 'p2' })
      .resolvesOnce({ Images: [image('ami-0000000000000002b', true)] });
    const { resources } = await collect(collector, { region: 'eu-west-1' });
    const calls = ec2.commandCalls(DescribeImagesCommand);
    expect(calls[0]?.args[0].input).toMatchObject({ Owners: ['self'], IncludeDeprecated: true });
    expect(calls[1]?.args[0].input).toMatchObject({ NextToken: 'p2' });
    expect(resources.map((r) => r.id)).toEqual([
      'arn:aws:ec2:eu-west-1::image/ami-0000000000000001a',
      'arn:aws:ec2:eu-west-1::image/ami-0000000000000002b',
    ]);
    expect(resources[1]?.attributes).toMatchObject({ public: true, imageName: 'golden-ami-0000000000000002b', state: 'available' });
    expect(resources[1]?.region).toBe('eu-west-1');
  });

  it('rejects when the listing is denied', async () => {
    ec2.on(DescribeImagesCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
    await expect(collect(collector)).rejects.toThrow(/not authorized/);
  });

  it('retries RequestLimitExceeded', async () => {
    ec2.on(DescribeImagesCommand).rejectsOnce(awsError('RequestLimitExceeded', 'Request limit exceeded.', 503)).resolves({ Images: [] });
    const { resources, stats } = await collect(collector);
    expect(resources).toEqual([]);
    expect(stats.throttles).toBe(1);
  });

  it('makes only the listing call when no attribute is wanted', async () => {
    ec2.on(DescribeImagesCommand).resolves({ Images: [image('ami-0000000000000001a', false)] });
    const { stats } = await collect(collector, { wants: [] });
    expect(stats.apiCalls).toBe(1);
  });
});
