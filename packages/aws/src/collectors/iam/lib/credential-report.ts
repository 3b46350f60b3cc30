import type { IAMClient } from '@aws-sdk/client-iam';
import { GenerateCredentialReportCommand, GetCredentialReportCommand } from '@aws-sdk/client-iam';
import { errorCode, sleep } from '@vigil/engine';
import type { CredentialReportKey, CredentialReportRow } from '../../../resources/iam.ts';
import { codedError } from './util.ts';

/** How long to wait for AWS to generate the report: `attempts` × `delayMs` at most. */
export const credentialReportWait = { attempts: 30, delayMs: 2_000 };

const NOT_READY = new Set([
  'ReportInProgress',
  'CredentialReportNotReadyException',
  'ReportNotPresent',
  'CredentialReportNotPresentException',
  'ReportExpired',
  'CredentialReportExpiredException',
]);

/**
 * Generates (or reuses, if AWS has one under 4 hours old) the credential report and
 * downloads it, waiting a bounded time while AWS reports it is still being generated.
 */
export async function fetchCredentialReport(iam: IAMClient, signal?: AbortSignal): Promise<CredentialReportRow[]> {
  const { attempts, delayMs } = credentialReportWait;
  for (let attempt = 1; ; attempt++) {
    const { State } = await iam.send(new GenerateCredentialReportCommand({}));
    if (State === 'COMPLETE') {
      try {
        const { Content } = await iam.send(new GetCredentialReportCommand({}));
        return parseCredentialReport(decodeContent(Content));
      } catch (err) {
        if (!NOT_READY.has(errorCode(err)) || attempt >= attempts) throw err;
      }
    } else if (attempt >= attempts) {
      throw codedError('ReportInProgress', `The credential report was still ${State ?? 'being generated'} after ${attempts} attempts.`);
    }
    await sleep(delayMs, signal);
  }
}

function decodeContent(content: Uint8Array | string | undefined): string {
  if (content === undefined) return '';
  if (typeof content === 'string') return content;
  return new TextDecoder().decode(content);
}

/** Splits one CSV line, honouring double quotes (AWS does not quote today, but may). */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(cur);
      cur = '';
    } else cur += ch;
  }
  fields.push(cur);
  return fields;
}

const NONE = new Set(['', 'N/A', 'no_information', 'not_supported']);
const value = (v: string | undefined): string | null => (v === undefined || NONE.has(v) ? null : v);
const date = (v: string | undefined): string | null => {
  const s = value(v);
  if (s === null) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
};
const bool = (v: string | undefined): boolean => v === 'true';

/** Parses the credential report CSV into rows keyed by column name. */
export function parseCredentialReport(csv: string): CredentialReportRow[] {
  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines.shift();
  if (!header) return [];
  const columns = splitCsvLine(header);
  const arnIndex = columns.indexOf('arn');
  return lines.map((line) => {
    let fields = splitCsvLine(line);
    // IAM user names may contain commas and the report does not quote them: the name and
    // the ARN (which ends with the name) then carry the same number of extra commas.
    const extra = fields.length - columns.length;
    if (extra > 0 && extra % 2 === 0 && arnIndex === 1) {
      const k = extra / 2;
      fields = [fields.slice(0, k + 1).join(','), fields.slice(k + 1, 2 * k + 2).join(','), ...fields.slice(2 * k + 2)];
    }
    const get = (name: string) => {
      const i = columns.indexOf(name);
      return i < 0 ? undefined : fields[i];
    };
    const key = (slot: 1 | 2): CredentialReportKey => ({
      slot,
      active: bool(get(`access_key_${slot}_active`)),
      lastRotated: date(get(`access_key_${slot}_last_rotated`)),
      lastUsedDate: date(get(`access_key_${slot}_last_used_date`)),
      lastUsedService: value(get(`access_key_${slot}_last_used_service`)),
      lastUsedRegion: value(get(`access_key_${slot}_last_used_region`)),
    });
    const passwordEnabled = get('password_enabled');
    return {
      user: get('user') ?? '',
      arn: get('arn') ?? '',
      userCreationTime: date(get('user_creation_time')),
      passwordEnabled: passwordEnabled === 'not_supported' || passwordEnabled === undefined ? null : bool(passwordEnabled),
      passwordLastUsed: date(get('password_last_used')),
      passwordLastChanged: date(get('password_last_changed')),
      mfaActive: bool(get('mfa_active')),
      accessKeys: [key(1), key(2)],
      certificates: [1, 2].map((n) => ({ active: bool(get(`cert_${n}_active`)), lastRotated: date(get(`cert_${n}_last_rotated`)) })),
    };
  });
}

/** The calls (and IAM actions) the credential report needs. */
export const CREDENTIAL_REPORT_CALLS = [
  { api: 'GenerateCredentialReport', action: 'iam:GenerateCredentialReport' },
  { api: 'GetCredentialReport', action: 'iam:GetCredentialReport' },
] as const;
