import { describe, expect, it } from 'vitest';
import { collect } from '../../testing/index.ts';
import collector from './account-monitoring.collector.ts';

describe('cloudwatch-account-monitoring collector', () => {
  it('yields one account resource without any call', async () => {
    const { resources, stats } = await collect(collector);
    expect(resources).toHaveLength(1);
    expect(resources[0]).toMatchObject({
      id: 'arn:aws:cloudwatch::123456789012:account-monitoring',
      name: '123456789012',
      region: 'global',
      type: 'AwsCloudWatchAccountMonitoring',
    });
    expect(stats.apiCalls).toBe(0);
  });
});
