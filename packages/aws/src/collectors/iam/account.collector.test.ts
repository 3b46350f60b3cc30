import { GetAccountPasswordPolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './account.collector.ts';

const iam = mockClient(IAMClient);

describe('iam-account collector', () => {
  beforeEach(() => iam.reset());

  it('reads the password policy', async () => {
    iam.on(GetAccountPasswordPolicyCommand).resolves({
      PasswordPolicy: { MinimumPasswordLength: 14, PasswordReusePrevention: 24, ExpirePasswords: false },
    });
    const { resources } = await collect(collector);
    expect(resources).toHaveLength(1);
    expect(resources[0]?.id).toBe('arn:aws:iam::123456789012:root');
    expect(resources[0]?.attributes).toMatchObject({ passwordPolicy: { minimumPasswordLength: 14, passwordReusePrevention: 24 } });
    expect(resources[0]?.errors).toEqual({});
  });

  it('maps NoSuchEntity (no policy) to null', async () => {
    iam.on(GetAccountPasswordPolicyCommand).rejects(awsError('NoSuchEntity', 'The Password Policy cannot be found.', 404));
    const { resources } = await collect(collector);
    expect(resources[0]?.attributes).toEqual({ passwordPolicy: null });
  });

  it('records AccessDenied on the attribute', async () => {
    iam.on(GetAccountPasswordPolicyCommand).rejects(awsError('AccessDenied', 'not authorized', 403));
    const { resources } = await collect(collector);
    expect(resources[0]?.errors.passwordPolicy?.code).toBe('AccessDenied');
    expect(resources[0]?.attributes).toEqual({});
  });

  it('retries throttling', async () => {
    iam
      .on(GetAccountPasswordPolicyCommand)
      .rejectsOnce(awsError('Throttling', 'Rate exceeded', 400))
      .resolves({ PasswordPolicy: { MinimumPasswordLength: 8 } });
    const { resources, stats } = await collect(collector);
    expect(resources[0]?.attributes).toMatchObject({ passwordPolicy: { minimumPasswordLength: 8 } });
    expect(stats.throttles).toBe(1);
    expect(stats.apiCalls).toBe(2);
  });

  it('makes no call when no check wants the policy', async () => {
    const { resources, stats } = await collect(collector, { wants: [] });
    expect(resources).toHaveLength(1);
    expect(stats.apiCalls).toBe(0);
  });
});
