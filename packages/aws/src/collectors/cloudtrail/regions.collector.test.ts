import { describe, expect, it } from 'vitest';
import { collect } from '../../testing/index.ts';
import collector from './regions.collector.ts';

describe('cloudtrail-regions collector', () => {
  it('yields one region resource without any call', async () => {
    const { resources, stats } = await collect(collector, { region: 'eu-west-1' });
    expect(resources).toHaveLength(1);
    expect(resources[0]).toMatchObject({
      id: 'arn:aws:cloudtrail:eu-west-1:123456789012:trails',
      name: 'eu-west-1',
      region: 'eu-west-1',
      type: 'AwsCloudTrailRegion',
    });
    expect(stats.apiCalls).toBe(0);
  });
});
