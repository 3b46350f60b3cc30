import { createHash } from 'node:crypto';
import type { Check, CheckContext } from './check.ts';
import { checkMetadata } from './check.ts';
import { errorMessage } from './errors.ts';
import type { AttributeError, CheckMetadata, Finding, Resource, Status } from './model.ts';

/** Stable finding id: the same check on the same resource has the same id in every scan. */
export function findingId(checkId: string, resourceId: string): string {
  return createHash('sha256').update(`${checkId}\u0000${resourceId}`).digest('hex').slice(0, 32);
}

export interface FindingDecorations {
  compliance?: (checkId: string) => Record<string, string[]>;
  mute?: (finding: Finding) => { muted: boolean; reason?: string };
  timestamp: string;
}

const metadataCache = new WeakMap<Check, CheckMetadata>();
function metadataOf(check: Check): CheckMetadata {
  let m = metadataCache.get(check);
  if (!m) metadataCache.set(check, (m = checkMetadata(check)));
  return m;
}

export function makeFinding(
  check: Check,
  resource: Resource,
  status: Status,
  message: string,
  deco: FindingDecorations,
  errorCode?: string,
): Finding {
  const finding: Finding = {
    id: findingId(check.id, resource.id),
    checkId: check.id,
    status,
    message,
    severity: check.severity,
    check: metadataOf(check),
    provider: resource.provider,
    account: resource.account,
    region: resource.region,
    resource: { id: resource.id, name: resource.name, type: resource.type, region: resource.region, tags: resource.tags },
    compliance: deco.compliance?.(check.id) ?? {},
    muted: false,
    timestamp: deco.timestamp,
  };
  if (errorCode) finding.errorCode = errorCode;
  const mute = deco.mute?.(finding);
  if (mute?.muted) {
    finding.muted = true;
    if (mute.reason) finding.muteReason = mute.reason;
  }
  return finding;
}

function describeErrors(errors: [string, AttributeError][]): { code: string; message: string } {
  const codes = [...new Set(errors.map(([, e]) => e.code))];
  const parts = errors.map(([attr, e]) => `${attr}: ${e.code}${e.message && e.message !== e.code ? ` (${e.message})` : ''}`);
  return { code: codes.join(','), message: parts.join('; ') };
}

/** A `CheckContext.memo` that also replays the failed related attributes its value was computed from. */
export function memoizer(access?: RelatedAccess): <T>(key: string, compute: () => T) => T {
  const memos = new Map<string, { value: unknown; reads: [string, AttributeError][] }>();
  return <T>(key: string, compute: () => T): T => {
    const hit = memos.get(key);
    if (hit) {
      access?.replay(hit.reads);
      return hit.value as T;
    }
    const mark = access?.mark() ?? 0;
    const value = compute();
    memos.set(key, { value, reads: access?.since(mark) ?? [] });
    return value;
  };
}

/**
 * Evaluates one check on one resource. Returns no finding when the check does not apply.
 * If an attribute the check requires (or a related resource's attribute it uses) failed
 * to collect, the finding is ERROR and the check is not called.
 */
export function evaluateCheck(
  check: Check,
  resource: Resource,
  ctx: CheckContext<Record<string, unknown>>,
  deco: FindingDecorations,
  relatedFailure?: { code: string; message: string },
  access?: RelatedAccess,
): Finding | undefined {
  if (check.appliesTo) {
    try {
      if (!check.appliesTo(resource)) return undefined;
    } catch {
      // An appliesTo that throws on partial data cannot decide; evaluate below reports it.
    }
  }
  const failed = check.requires.filter((a) => resource.errors[a]).map((a) => [a, resource.errors[a]] as [string, AttributeError]);
  if (failed.length > 0) {
    const { code, message } = describeErrors(failed);
    return makeFinding(check, resource, 'ERROR', `${resource.name} could not be evaluated: ${message}.`, deco, code);
  }
  if (relatedFailure) {
    return makeFinding(
      check,
      resource,
      'ERROR',
      `${resource.name} could not be evaluated: ${relatedFailure.message}.`,
      deco,
      relatedFailure.code,
    );
  }
  try {
    access?.take();
    const result = check.evaluate(resource, ctx);
    const touched = access?.take() ?? [];
    if (touched.length > 0) {
      // The check read a related resource's attribute that failed to collect: its verdict
      // rests on missing data.
      const { code, message } = describeErrors(touched);
      return makeFinding(check, resource, 'ERROR', `${resource.name} could not be evaluated: ${message}.`, deco, code);
    }
    return makeFinding(check, resource, result.status, result.message, deco);
  } catch (err) {
    return makeFinding(
      check,
      resource,
      'ERROR',
      `${resource.name} could not be evaluated: the check failed (${errorMessage(err)}).`,
      deco,
      'CheckFailed',
    );
  }
}

/**
 * Hands related resources to a check and records every failed attribute the check
 * actually reads, so one unreadable resource only turns the findings that depend on it
 * into ERROR, not every finding of the check.
 */
export class RelatedAccess {
  private touched: [string, AttributeError][] = [];
  private readonly cache = new Map<readonly Resource[], readonly Resource[]>();

  wrap(resources: readonly Resource[]): readonly Resource[] {
    let wrapped = this.cache.get(resources);
    if (wrapped) return wrapped;
    wrapped = resources.map((r) => {
      if (Object.keys(r.errors).length === 0) return r;
      const note = (key: string | symbol) => {
        const e = typeof key === 'string' ? r.errors[key] : undefined;
        if (e) this.touched.push([`${r.name}.${key as string}`, e]);
      };
      const attributes = new Proxy(r.attributes, {
        get(target, key, receiver) {
          note(key);
          return Reflect.get(target, key, receiver);
        },
        has(target, key) {
          note(key);
          return Reflect.has(target, key);
        },
      });
      return { ...r, attributes };
    });
    this.cache.set(resources, wrapped);
    return wrapped;
  }

  /** Position in the record, for `since`. */
  mark(): number {
    return this.touched.length;
  }

  /** The failed attributes read since `mark`. */
  since(mark: number): [string, AttributeError][] {
    return this.touched.slice(mark);
  }

  /** Records reads again (a memoised value computed from failed attributes). */
  replay(reads: readonly [string, AttributeError][]): void {
    this.touched.push(...reads);
  }

  /** The failed attributes read since the last call. */
  take(): [string, AttributeError][] {
    const t = this.touched;
    this.touched = [];
    return t;
  }
}

export { describeErrors };
