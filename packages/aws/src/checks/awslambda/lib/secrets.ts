/**
 * Simple detection of secrets in plain-text configuration values (Lambda environment
 * variables). Well-known token shapes plus "secret-looking name with a literal value".
 * Results carry the variable name and the kind of match, never the value.
 */

export interface SecretMatch {
  /** The variable name. */
  name: string;
  /** What matched, e.g. `AWS access key id`. */
  kind: string;
}

const VALUE_PATTERNS: readonly [RegExp, string][] = [
  [/\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b/, 'AWS access key id'],
  [/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/, 'private key'],
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/, 'GitHub token'],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}\b/, 'Slack token'],
  [/\bsk_live_[A-Za-z0-9]{20,}\b/, 'Stripe secret key'],
  [/\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\b/, 'JSON web token'],
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s@/]+@/i, 'credentials in a URL'],
  [/\b(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?key|auth[_-]?token)\s*[=:]\s*[^\s;&,]{4,}/i, 'password= assignment'],
];

/** Names that say "this is a secret". The value must then look like a literal. */
const SECRET_NAME = /(?:^|[_-])(?:password|passwd|pwd|secret|secret[_-]?key|api[_-]?key|apikey|access[_-]?key|private[_-]?key|auth[_-]?token|token|credentials?)$/i;

/** Values that reference a secret store rather than hold the secret. */
const REFERENCE = /^(?:arn:aws[a-z-]*:|\/|\{\{resolve:|\$\{|ssm:|secretsmanager:|https?:\/\/[^@]*$)/i;

function looksLiteralSecret(value: string): boolean {
  const v = value.trim();
  if (v.length < 8) return false;
  if (REFERENCE.test(v)) return false;
  if (/^(?:true|false|null|none|changeme|placeholder|\d+)$/i.test(v)) return false;
  return true;
}

/** The variables whose value looks like a secret, in input order. */
export function findSecrets(variables: Readonly<Record<string, string>>): SecretMatch[] {
  const out: SecretMatch[] = [];
  for (const [name, raw] of Object.entries(variables)) {
    const value = String(raw ?? '');
    // A reference to a secret store (an ARN such as `arn:aws:secretsmanager:…:secret:name`, an
    // SSM path) is the right practice, not a leak, even though it contains "secret:".
    const hit = REFERENCE.test(value.trim()) ? undefined : VALUE_PATTERNS.find(([re]) => re.test(value));
    if (hit) out.push({ name, kind: hit[1] });
    else if (SECRET_NAME.test(name) && looksLiteralSecret(value)) out.push({ name, kind: 'secret-like name with a literal value' });
  }
  return out;
}
