import { describe, expect, it } from 'vitest';
import { runCheckCase } from '@vigil/engine/testing';
import { account } from '../iam/lib/fixtures.ts';
import check from './account_security_questions_are_registered_in_the_aws_account.ts';

// Nothing can be collected for this requirement, so the check has no FAIL or ERROR outcome
// of its own (a failed AwsAccount listing still yields ERROR findings, from the runner).
describe(check.id, () => {
  it('always asks for a manual review naming the account', () => {
    const finding = runCheckCase(check, { name: 'any account', resource: account({}) });
    expect(finding?.status).toBe('MANUAL');
    expect(finding?.message).toContain('123456789012');
    expect(finding?.message).toContain('security challenge questions');
  });
  it('needs no attribute, so it makes no API call', () => {
    expect(check.requires).toEqual([]);
  });
});
