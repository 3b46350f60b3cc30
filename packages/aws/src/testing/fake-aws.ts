import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An in-process AWS-compatible endpoint for tests and benchmarks. It speaks the wire
 * protocols the SDK uses (query/XML for STS, IAM and EC2; JSON for the JSON services;
 * REST-XML for S3 and S3 Control), answers the operations it has handlers for, and refuses
 * every other one with AccessDenied in that protocol's error shape — like a real account whose
 * policy does not grant the call. Optional fixed latency and a per-second request quota
 * that answers with throttling errors make it a load target. With `organization`, it is also an
 * organization's management account: ListAccounts pages through the configured accounts, and
 * AssumeRole hands out sessions that act as the role's account (except in `assumeRoleDenied`).
 */

export type Protocol = 'query' | 'ec2' | 'json' | 'rest-json' | 'rest-xml';

export interface FakeRequest {
  service: string;
  operation: string;
  protocol: Protocol;
  params: Record<string, string>;
  body: unknown;
  path: string;
  query: URLSearchParams;
  /** The access key id of the caller (identifies a simulated account). */
  accessKeyId: string;
  /** The account the caller's access key belongs to (`accounts`, an assumed role's session, else `account`). */
  account: string;
  /** The region of the request's signature (credential scope). */
  region: string;
  /** The request headers (e.g. S3 Control's x-amz-account-id). */
  headers: IncomingHttpHeaders;
}

/**
 * A handler returns the response body content: XML inside the result element, or a JSON value;
 * a FakeRaw for a body sent as is; a FakeError for an error in the protocol's shape.
 */
export type FakeHandler = (req: FakeRequest) => string | Record<string, unknown> | FakeRaw | FakeError;

/** A 200 response whose body is sent as is (e.g. S3 GetBucketPolicy answers with the policy JSON itself). */
export class FakeRaw {
  readonly body: string;
  readonly contentType: string;
  constructor(body: string, contentType = 'application/json') {
    this.body = body;
    this.contentType = contentType;
  }
}

export class FakeError {
  readonly code: string;
  readonly message: string;
  readonly status: number;
  constructor(code: string, message: string, status = 400) {
    this.code = code;
    this.message = message;
    this.status = status;
  }
}

export interface FakeAwsOptions {
  /** `service:Operation` → handler. */
  handlers?: Record<string, FakeHandler>;
  /** Milliseconds added to every response. */
  latencyMs?: number;
  /** Requests per second allowed per access key and service; above it, throttling errors. */
  quotaPerSecond?: number;
  /** Requests per second per simulated account and service (all its keys and sessions, all regions); above it, throttling errors. */
  quotaPerAccountPerSecond?: number;
  /** Account id returned by GetCallerIdentity (per access key with `accounts`). */
  account?: string;
  accounts?: Record<string, string>;
  regions?: string[];
  /**
   * An AWS organization: `organizations:ListAccounts` answers (paginated) for callers of the
   * management account, AccessDeniedException for any other account.
   */
  organization?: FakeOrganization;
  /**
   * `sts:AssumeRole` answers for roles of these accounts (every account when absent) with
   * credentials that act as the role's account (GetCallerIdentity and every handler see it).
   */
  assumableAccounts?: string[];
  /** Accounts whose roles refuse `sts:AssumeRole` with AccessDenied. */
  assumeRoleDenied?: string[];
}

export interface FakeOrganizationAccount {
  id: string;
  name?: string;
  /** Default ACTIVE. */
  status?: 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE';
}

export interface FakeOrganization {
  /** Default: `account`, else 123456789012. */
  managementAccount?: string;
  accounts: FakeOrganizationAccount[];
  /** Accounts per ListAccounts page (MaxResults wins when smaller). Default 20. */
  pageSize?: number;
}

export interface FakeAws {
  url: string;
  calls: number;
  throttled: number;
  refused: Map<string, number>;
  /** `sts:AssumeRole` requests: role ARN, external id, caller's account, and whether it was refused. */
  assumed: { roleArn: string; externalId?: string; caller: string; denied: boolean }[];
  close(): Promise<void>;
}

export function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

/** Renders `{a: 1, list: [{b: 2}]}` as EC2/IAM-style XML (`list` items wrapped in `<item>` or `<member>`). */
export function toXml(value: unknown, itemTag = 'item'): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => `<${itemTag}>${toXml(v, itemTag)}</${itemTag}>`).join('');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<${k}>${toXml(v, itemTag)}</${k}>`)
      .join('');
  }
  return xmlEscape(String(value));
}

const REQUEST_ID = '11111111-2222-3333-4444-555555555555';

function credentialScope(req: IncomingMessage): { accessKeyId: string; region: string; service: string } {
  const auth = String(req.headers.authorization ?? '');
  const m = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(auth);
  return { accessKeyId: m?.[1] ?? 'anonymous', region: m?.[2] ?? 'unknown', service: m?.[3] ?? 'unknown' };
}

function protocolOf(req: IncomingMessage, service: string, params: Record<string, string>): Protocol {
  const type = String(req.headers['content-type'] ?? '');
  if (type.includes('x-www-form-urlencoded')) return service === 'ec2' || params.Version === '2016-11-15' ? 'ec2' : 'query';
  if (type.includes('x-amz-json')) return 'json';
  if (service === 's3') return 'rest-xml';
  return 'rest-json';
}

function operationOf(req: IncomingMessage, protocol: Protocol, params: Record<string, string>, path: string, query: URLSearchParams): string {
  if (protocol === 'query' || protocol === 'ec2') return params.Action ?? 'Unknown';
  if (protocol === 'json') return String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? 'Unknown';
  if (protocol === 'rest-xml') {
    // S3 Control (signed as `s3`, account id in the x-amz-account-id header): the account-level
    // reads a scan makes, named after their IAM action so they do not collide with the bucket-level ones.
    //   GET /v20180820/configuration/publicAccessBlock → GetAccountPublicAccessBlock
    if (path.startsWith('/v20180820/')) {
      const control: Record<string, string> = {
        'GET /v20180820/configuration/publicAccessBlock': 'GetAccountPublicAccessBlock',
      };
      return control[`${req.method} ${path}`] ?? `${req.method} ${path}`;
    }
    // Enough of S3's routing for the bucket-level reads a scan makes.
    const segments = path.split('/').filter(Boolean);
    if (segments.length === 0) return 'ListBuckets';
    const sub = [...query.keys()][0];
    if (!sub) return req.method === 'HEAD' ? 'HeadBucket' : 'ListObjectsV2';
    const names: Record<string, string> = {
      policy: 'GetBucketPolicy',
      policyStatus: 'GetBucketPolicyStatus',
      acl: 'GetBucketAcl',
      publicAccessBlock: 'GetPublicAccessBlock',
      encryption: 'GetBucketEncryption',
      versioning: 'GetBucketVersioning',
      logging: 'GetBucketLogging',
      location: 'GetBucketLocation',
      ownershipControls: 'GetBucketOwnershipControls',
      'object-lock': 'GetObjectLockConfiguration',
      lifecycle: 'GetBucketLifecycleConfiguration',
      replication: 'GetBucketReplication',
      tagging: 'GetBucketTagging',
      notification: 'GetBucketNotificationConfiguration',
    };
    return names[sub] ?? `Get-${sub}`;
  }
  return `${req.method} ${path}`;
}

function sendError(res: ServerResponse, protocol: Protocol, e: FakeError): void {
  res.statusCode = e.status;
  if (protocol === 'json' || protocol === 'rest-json') {
    res.setHeader('content-type', 'application/x-amz-json-1.1');
    res.setHeader('x-amzn-errortype', e.code);
    res.setHeader('x-amzn-requestid', REQUEST_ID);
    res.end(JSON.stringify({ __type: e.code, message: e.message }));
    return;
  }
  res.setHeader('content-type', 'text/xml');
  const err = `<Code>${xmlEscape(e.code)}</Code><Message>${xmlEscape(e.message)}</Message>`;
  if (protocol === 'ec2') res.end(`<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error>${err}</Error></Errors><RequestID>${REQUEST_ID}</RequestID></Response>`);
  else if (protocol === 'rest-xml') res.end(`<?xml version="1.0" encoding="UTF-8"?><Error>${err}<RequestId>${REQUEST_ID}</RequestId></Error>`);
  else res.end(`<ErrorResponse><Error><Type>Sender</Type>${err}</Error><RequestId>${REQUEST_ID}</RequestId></ErrorResponse>`);
}

function sendResult(res: ServerResponse, protocol: Protocol, operation: string, service: string, body: string | Record<string, unknown> | FakeRaw): void {
  res.statusCode = 200;
  res.setHeader('x-amzn-requestid', REQUEST_ID);
  if (body instanceof FakeRaw) {
    res.setHeader('content-type', body.contentType);
    res.end(body.body);
    return;
  }
  if (protocol === 'json' || protocol === 'rest-json') {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
    return;
  }
  res.setHeader('content-type', 'text/xml');
  const inner = typeof body === 'string' ? body : toXml(body, protocol === 'ec2' ? 'item' : 'member');
  if (protocol === 'ec2') {
    res.end(`<?xml version="1.0" encoding="UTF-8"?><${operation}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>${REQUEST_ID}</requestId>${inner}</${operation}Response>`);
  } else if (protocol === 'rest-xml') {
    res.end(`<?xml version="1.0" encoding="UTF-8"?>${inner}`);
  } else {
    const ns = service === 'sts' ? 'https://sts.amazonaws.com/doc/2011-06-15/' : `https://${service}.amazonaws.com/doc/2010-05-08/`;
    res.end(
      `<${operation}Response xmlns="${ns}"><${operation}Result>${inner}</${operation}Result><ResponseMetadata><RequestId>${REQUEST_ID}</RequestId></ResponseMetadata></${operation}Response>`,
    );
  }
}

const THROTTLE: Record<Protocol, FakeError> = {
  query: new FakeError('Throttling', 'Rate exceeded', 400),
  ec2: new FakeError('RequestLimitExceeded', 'Request limit exceeded.', 503),
  json: new FakeError('ThrottlingException', 'Rate exceeded', 400),
  'rest-json': new FakeError('TooManyRequestsException', 'Rate exceeded', 429),
  'rest-xml': new FakeError('SlowDown', 'Please reduce your request rate.', 503),
};

/**
 * Handlers that answer each simulated account with an estate of its own (resources of
 * different accounts differ, as in an organization): `estate` builds one account's handlers;
 * a request is routed by the account its credentials act as.
 */
export function perAccountHandlers(
  accounts: readonly string[],
  estate: (account: string, index: number) => Record<string, FakeHandler>,
): Record<string, FakeHandler> {
  const byAccount = new Map(accounts.map((a, i) => [a, estate(a, i)]));
  const names = new Set([...byAccount.values()].flatMap((h) => Object.keys(h)));
  return Object.fromEntries(
    [...names].map((name) => [
      name,
      ((r) => {
        const h = byAccount.get(r.account)?.[name];
        if (!h) throw new Error(`no ${name} handler for account ${r.account}`);
        return h(r);
      }) satisfies FakeHandler,
    ]),
  );
}

/** Starts the fake endpoint on 127.0.0.1 (random port). */
export async function startFakeAws(o: FakeAwsOptions = {}): Promise<FakeAws> {
  const regions = o.regions ?? ['us-east-1', 'eu-west-1'];
  const defaultAccount = o.account ?? '123456789012';
  // Access keys of assumed-role sessions → the role's account and ARN.
  const sessions = new Map<string, { account: string; arn: string }>();
  const assumed: FakeAws['assumed'] = [];
  const accountOf = (accessKeyId: string) => o.accounts?.[accessKeyId] ?? sessions.get(accessKeyId)?.account ?? defaultAccount;
  const orgHandlers: Record<string, FakeHandler> = {};
  if (o.organization) {
    const org = o.organization;
    const management = org.managementAccount ?? defaultAccount;
    orgHandlers['organizations:ListAccounts'] = (r) => {
      if (r.account !== management) {
        return new FakeError('AccessDeniedException', 'You don\'t have permissions to access this resource.', 400);
      }
      const body = (r.body ?? {}) as { NextToken?: string; MaxResults?: number };
      const start = body.NextToken ? Number(body.NextToken) : 0;
      if (!Number.isInteger(start) || start < 0 || start > org.accounts.length) {
        return new FakeError('InvalidInputException', 'You specified an invalid value for nextToken.', 400);
      }
      const size = Math.min(org.pageSize ?? 20, body.MaxResults ?? 20);
      const page = org.accounts.slice(start, start + size);
      const next = start + size < org.accounts.length ? String(start + size) : undefined;
      return {
        Accounts: page.map((a) => ({
          Id: a.id,
          Arn: `arn:aws:organizations::${management}:account/o-fake12345/${a.id}`,
          Email: `aws+${a.id}@example.com`,
          Name: a.name ?? `account-${a.id}`,
          Status: a.status ?? 'ACTIVE',
          JoinedMethod: a.id === management ? 'CREATED' : 'INVITED',
          JoinedTimestamp: 1_700_000_000,
        })),
        ...(next ? { NextToken: next } : {}),
      };
    };
  }
  const baseHandlers: Record<string, FakeHandler> = {
    'sts:GetCallerIdentity': (r) => {
      const role = sessions.get(r.accessKeyId);
      if (role) return `<Arn>${xmlEscape(role.arn)}</Arn><UserId>AROAFAKE${role.account}:vigil</UserId><Account>${role.account}</Account>`;
      const account = accountOf(r.accessKeyId);
      return `<Arn>arn:aws:iam::${account}:user/auditor</Arn><UserId>AIDAFAKE${account}</UserId><Account>${account}</Account>`;
    },
  };
  // Without organization options, AssumeRole stays unanswered (refused) as before.
  const assumeRoleHandlers: Record<string, FakeHandler> = {};
  if (o.organization || o.assumableAccounts || o.assumeRoleDenied) {
    assumeRoleHandlers['sts:AssumeRole'] = (r) => {
      const roleArn = r.params.RoleArn ?? '';
      const m = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
      const target = m?.[1];
      const denied = !target || (o.assumeRoleDenied ?? []).includes(target) || (o.assumableAccounts !== undefined && !o.assumableAccounts.includes(target));
      assumed.push({ roleArn, ...(r.params.ExternalId ? { externalId: r.params.ExternalId } : {}), caller: r.account, denied });
      if (denied || !target) {
        return new FakeError('AccessDenied', `User: arn:aws:iam::${r.account}:user/auditor is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403);
      }
      const sessionName = r.params.RoleSessionName ?? 'session';
      const accessKeyId = `ASIAFAKE${target}${String(sessions.size).padStart(6, '0')}`;
      const arn = `arn:aws:sts::${target}:assumed-role/${m?.[2] ?? 'role'}/${sessionName}`;
      sessions.set(accessKeyId, { account: target, arn });
      return (
        `<Credentials><AccessKeyId>${accessKeyId}</AccessKeyId><SecretAccessKey>fake-secret-${accessKeyId}</SecretAccessKey>` +
        `<SessionToken>fake-token-${accessKeyId}</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>` +
        `<AssumedRoleUser><AssumedRoleId>AROAFAKE${target}:${xmlEscape(sessionName)}</AssumedRoleId><Arn>${xmlEscape(arn)}</Arn></AssumedRoleUser>`
      );
    };
  }
  const handlers: Record<string, FakeHandler> = {
    ...baseHandlers,
    ...assumeRoleHandlers,
    ...orgHandlers,
    'ec2:DescribeRegions': () => ({
      regionInfo: regions.map((regionName) => ({ regionName, regionEndpoint: `ec2.${regionName}.amazonaws.com`, optInStatus: 'opt-in-not-required' })),
    }),
    ...o.handlers,
  };
  const windows = new Map<string, { second: number; count: number }>();
  const state = { calls: 0, throttled: 0, refused: new Map<string, number>() };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://localhost');
      const { accessKeyId, region, service } = credentialScope(req);
      const params = String(req.headers['content-type'] ?? '').includes('x-www-form-urlencoded')
        ? Object.fromEntries(new URLSearchParams(raw))
        : {};
      const protocol = protocolOf(req, service, params);
      const operation = operationOf(req, protocol, params, url.pathname, url.searchParams);
      let body: unknown = undefined;
      if (protocol === 'json' || protocol === 'rest-json') {
        try {
          body = raw ? JSON.parse(raw) : {};
        } catch {
          body = {};
        }
      }
      state.calls++;
      const respond = () => {
        // `quotaPerAccountPerSecond`: requests per second per simulated account (all its keys and
        // sessions together) and service, like AWS's per-account API quotas; above it, throttling errors.
        const perAccount = o.quotaPerAccountPerSecond;
        if (perAccount) {
          const key = `account:${accountOf(accessKeyId)}|${service}`;
          const second = Math.floor(Date.now() / 1000);
          const w = windows.get(key);
          if (!w || w.second !== second) windows.set(key, { second, count: 1 });
          else if (++w.count > perAccount) {
            state.throttled++;
            return sendError(res, protocol, THROTTLE[protocol]);
          }
        }
        if (o.quotaPerSecond) {
          const key = `${accessKeyId}|${service}`;
          const second = Math.floor(Date.now() / 1000);
          const w = windows.get(key);
          if (!w || w.second !== second) windows.set(key, { second, count: 1 });
          else if (++w.count > o.quotaPerSecond) {
            state.throttled++;
            return sendError(res, protocol, THROTTLE[protocol]);
          }
        }
        const handler = handlers[`${service}:${operation}`];
        if (!handler) {
          const k = `${service}:${operation}`;
          state.refused.set(k, (state.refused.get(k) ?? 0) + 1);
          const code = protocol === 'ec2' ? 'UnauthorizedOperation' : protocol === 'json' || protocol === 'rest-json' ? 'AccessDeniedException' : 'AccessDenied';
          return sendError(res, protocol, new FakeError(code, `User arn:aws:iam::${accountOf(accessKeyId)}:user/auditor is not authorized to perform: ${service}:${operation}`, 403));
        }
        try {
          const out = handler({
            service,
            operation,
            protocol,
            params,
            body,
            path: url.pathname,
            query: url.searchParams,
            accessKeyId,
            account: accountOf(accessKeyId),
            region,
            headers: req.headers,
          });
          if (out instanceof FakeError) return sendError(res, protocol, out);
          sendResult(res, protocol, operation, service, out);
        } catch (err) {
          sendError(res, protocol, new FakeError('InternalFailure', String(err), 500));
        }
      };
      if (o.latencyMs) setTimeout(respond, o.latencyMs);
      else respond();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get calls() {
      return state.calls;
    },
    get throttled() {
      return state.throttled;
    },
    refused: state.refused,
    assumed,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
