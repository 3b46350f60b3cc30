import { GenerateCredentialReportCommand, GetCredentialReportCommand, IAMClient } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { awsError } from '../../../testing/index.ts';
import { credentialReportWait, fetchCredentialReport, parseCredentialReport } from './credential-report.ts';
import { ALICE, CSV, HEADER } from './test-fixtures.ts';

const COMMA =
  'a,b,arn:aws:iam::123456789012:user/team/a,b,2026-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A';


describe('parseCredentialReport', () => {
  it('parses rows, dates and the N/A family', () => {
    const [root, alice] = parseCredentialReport(`${CSV}\n`);
    expect(root).toMatchObject({
      user: '<root_account>',
      passwordEnabled: null,
      passwordLastUsed: '2026-10-30T08:00:00.000Z',
      mfaActive: true,
    });
    expect(alice).toMatchObject({ user: 'alice', passwordEnabled: true, passwordLastUsed: null, mfaActive: false });
    expect(alice?.accessKeys).toEqual([
      { slot: 1, active: true, lastRotated: '2026-01-01T00:00:00.000Z', lastUsedDate: null, lastUsedService: null, lastUsedRegion: null },
      {
        slot: 2,
        active: true,
        lastRotated: '2026-02-01T00:00:00.000Z',
        lastUsedDate: '2026-10-01T00:00:00.000Z',
        lastUsedService: 's3',
        lastUsedRegion: 'us-east-1',
      },
    ]);
  });
  it('rebuilds user names that contain commas', () => {
    const [row] = parseCredentialReport([HEADER, COMMA].join('\r\n'));
    expect(row).toMatchObject({ user: 'a,b', arn: 'arn:aws:iam::123456789012:user/team/a,b', passwordEnabled: false });
  });
  it('handles quoted fields and an empty report', () => {
    const [row] = parseCredentialReport([HEADER, ALICE.replace('alice,', '"alice",')].join('\n'));
    expect(row?.user).toBe('alice');
    expect(parseCredentialReport('')).toEqual([]);
  });
});

describe('fetchCredentialReport', () => {
  const iam = mockClient(IAMClient);
  const saved = { ...credentialReportWait };
  beforeAll(() => Object.assign(credentialReportWait, { attempts: 3, delayMs: 1 }));
  afterAll(() => Object.assign(credentialReportWait, saved));
  beforeEach(() => iam.reset());
  const client = () => new IAMClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });

  it('waits while the report is generated', async () => {
    iam.on(GenerateCredentialReportCommand).resolvesOnce({ State: 'STARTED' }).resolves({ State: 'COMPLETE' });
    iam
      .on(GetCredentialReportCommand)
      .rejectsOnce(awsError('ReportInProgress', 'Report is in progress', 404))
      .resolves({ Content: new TextEncoder().encode(CSV), ReportFormat: 'text/csv' });
    const rows = await fetchCredentialReport(client());
    expect(rows.map((r) => r.user)).toEqual(['<root_account>', 'alice']);
    expect(iam.commandCalls(GenerateCredentialReportCommand)).toHaveLength(3);
    expect(iam.commandCalls(GetCredentialReportCommand)).toHaveLength(2);
  });
  it('gives up after a bounded wait', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'INPROGRESS' });
    await expect(fetchCredentialReport(client())).rejects.toMatchObject({ name: 'ReportInProgress' });
    expect(iam.commandCalls(GenerateCredentialReportCommand)).toHaveLength(3);
  });
  it('does not swallow other errors', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
    iam.on(GetCredentialReportCommand).rejects(awsError('AccessDenied', 'no', 403));
    await expect(fetchCredentialReport(client())).rejects.toMatchObject({ name: 'AccessDenied' });
  });
});
