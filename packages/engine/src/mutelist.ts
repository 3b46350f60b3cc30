import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { InputFileError } from './errors.ts';
import type { Finding } from './model.ts';

const stringList = z.array(z.union([z.string(), z.number()]).transform(String));

const exceptionSchema = z
  .object({
    Accounts: stringList.optional(),
    Regions: stringList.optional(),
    Resources: stringList.optional(),
    Tags: stringList.optional(),
  })
  .partial();

const ruleSchema = z.object({
  Regions: stringList.optional(),
  Resources: stringList.optional(),
  Tags: stringList.optional(),
  Exceptions: exceptionSchema.optional().nullable(),
  Description: z.string().optional(),
});

/**
 * The mutelist file format Prowler users already have:
 * `Mutelist.Accounts.<account|*>.Checks.<check id|regex|*>.{Regions,Resources,Tags,Exceptions,Description}`.
 */
export const mutelistSchema = z.object({
  Mutelist: z.object({
    Accounts: z.record(
      z.string(),
      z.object({
        Checks: z.record(z.string(), ruleSchema),
      }),
    ),
  }),
});

export type MutelistFile = z.infer<typeof mutelistSchema>;

interface CompiledRule {
  account: string;
  checkKey: string;
  check: RegExp;
  regions?: Set<string>;
  resources?: RegExp[];
  tags?: RegExp[];
  exceptions?: {
    accounts?: Set<string>;
    regions?: Set<string>;
    resources?: RegExp[];
    tags?: RegExp[];
  };
  description?: string;
}

/**
 * Patterns are regular expressions searched anywhere in the value, as in Prowler; a `*`
 * not preceded by `.` is read as the wildcard `.*` (so `iam_*` and `website-*` work).
 */
function toRegex(pattern: string): RegExp {
  if (pattern === '*') return /.*/;
  try {
    return new RegExp(pattern.replace(/(^|[^.\\])\*/g, '$1.*'));
  } catch (err) {
    throw new InputFileError(`Mutelist pattern "${pattern}" is not a valid regular expression: ${(err as Error).message}`);
  }
}

/** A check key: `*`, an exact check id, or a pattern (see `toRegex`). */
function checkRegex(key: string): RegExp {
  if (key === '*') return /.*/;
  if (/^[a-z0-9_]+$/.test(key)) return new RegExp(`^${key}$`);
  return toRegex(key);
}

function listOrAll(values: string[] | undefined): Set<string> | undefined {
  if (!values || values.length === 0 || values.includes('*')) return undefined;
  return new Set(values);
}

function regexList(values: string[] | undefined): RegExp[] | undefined {
  if (!values || values.length === 0 || values.includes('*')) return undefined;
  return values.map(toRegex);
}

export class Mutelist {
  private readonly rules: CompiledRule[];

  constructor(file: MutelistFile) {
    this.rules = [];
    for (const [account, { Checks }] of Object.entries(file.Mutelist.Accounts)) {
      for (const [checkKey, rule] of Object.entries(Checks)) {
        const ex = rule.Exceptions ?? undefined;
        this.rules.push({
          account,
          checkKey,
          check: checkRegex(checkKey),
          regions: listOrAll(rule.Regions),
          resources: regexList(rule.Resources),
          tags: rule.Tags?.length ? rule.Tags.map(toRegex) : undefined,
          exceptions: ex
            ? {
                accounts: ex.Accounts?.length ? new Set(ex.Accounts) : undefined,
                regions: ex.Regions?.length ? new Set(ex.Regions) : undefined,
                resources: ex.Resources?.length ? ex.Resources.map(toRegex) : undefined,
                tags: ex.Tags?.length ? ex.Tags.map(toRegex) : undefined,
              }
            : undefined,
          description: rule.Description,
        });
      }
    }
  }

  static parse(text: string, source = 'mutelist'): Mutelist {
    let raw: unknown;
    try {
      raw = parse(text);
    } catch (err) {
      throw new InputFileError(`Mutelist file ${source} is not valid YAML: ${(err as Error).message}`);
    }
    const parsed = mutelistSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InputFileError(
        `Mutelist file ${source} is not a valid mutelist: ${issue ? `${issue.path.join('.') || '(top level)'}: ${issue.message}` : 'unknown problem'}. ` +
          'Expected Mutelist: Accounts: <account id|*>: Checks: <check id|regex|*>: {Regions, Resources, Tags, Exceptions, Description}.',
      );
    }
    return new Mutelist(parsed.data);
  }

  static async load(path: string): Promise<Mutelist> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      throw new InputFileError(`Cannot read mutelist file ${path}: ${(err as Error).message}`);
    }
    return Mutelist.parse(text, path);
  }

  /** True when some rule or exception matches on tags (so resources' tags must be collected). */
  usesTags(): boolean {
    return this.rules.some((r) => r.tags || r.exceptions?.tags);
  }

  /** Whether a finding is muted, and why. A muted finding keeps its status. */
  match(finding: Pick<Finding, 'account' | 'checkId' | 'region' | 'resource'>): { muted: boolean; reason?: string } {
    const tagPairs = Object.entries(finding.resource.tags).map(([k, v]) => `${k}=${v}`);
    const resourceKeys = [finding.resource.id, finding.resource.name];
    for (const rule of this.rules) {
      if (rule.account !== '*' && rule.account !== finding.account) continue;
      if (!rule.check.test(finding.checkId)) continue;
      if (rule.regions && !rule.regions.has(finding.region) && !rule.regions.has(finding.resource.region)) continue;
      if (rule.resources && !rule.resources.some((re) => resourceKeys.some((k) => re.test(k)))) continue;
      // Every tag entry must match one of the resource's tags; use `a|b` inside an entry for "or".
      if (rule.tags && !rule.tags.every((re) => tagPairs.some((t) => re.test(t)))) continue;
      if (rule.exceptions && isExcepted(rule.exceptions, finding, resourceKeys, tagPairs)) continue;
      return { muted: true, reason: rule.description ?? `Mutelist: account ${rule.account}, check ${rule.checkKey}` };
    }
    return { muted: false };
  }
}

/** An exception applies when every criterion it names matches the finding. */
function isExcepted(
  ex: NonNullable<CompiledRule['exceptions']>,
  finding: Pick<Finding, 'account' | 'region'>,
  resourceKeys: string[],
  tagPairs: string[],
): boolean {
  const criteria: boolean[] = [];
  if (ex.accounts) criteria.push(ex.accounts.has(finding.account));
  if (ex.regions) criteria.push(ex.regions.has(finding.region));
  if (ex.resources) criteria.push(ex.resources.some((re) => resourceKeys.some((k) => re.test(k))));
  if (ex.tags) criteria.push(ex.tags.every((re) => tagPairs.some((t) => re.test(t))));
  return criteria.length > 0 && criteria.every(Boolean);
}
