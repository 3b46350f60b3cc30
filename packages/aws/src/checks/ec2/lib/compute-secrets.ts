/**
 * A small, deliberately conservative secret detector for EC2 user data: well-known credential
 * formats plus literal password/key assignments. Values that are clearly references
 * (`$VAR`, `${...}`, `$(cmd)`, `{{...}}`, `<placeholder>`) are not reported.
 */

export interface SecretMatch {
  /** What kind of secret, e.g. `AWS access key id`. */
  kind: string;
  /** 1-based line number of the match. */
  line: number;
}

interface SecretPattern {
  kind: string;
  pattern: RegExp;
}

const REFERENCE = /^(?:\$|`|\{\{|<|%|\()/;

const PATTERNS: SecretPattern[] = [
  { kind: 'AWS access key id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/ },
  {
    kind: 'AWS secret access key',
    pattern: /aws_?secret_?access_?key["']?\s*[:=]\s*["']?(?<value>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/i,
  },
  { kind: 'private key', pattern: /-----BEGIN (?:RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/ },
  { kind: 'GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})\b/ },
  { kind: 'Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
  { kind: 'Stripe secret key', pattern: /\b[sr]k_live_[A-Za-z0-9]{20,}\b/ },
  { kind: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  {
    kind: 'credentials in a URL',
    pattern: /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/@'"]{1,64}:(?<value>[^\s@/'"]{3,128})@[^\s'"]/i,
  },
  {
    kind: 'password or API key assignment',
    pattern:
      /\b(?:[a-z0-9_]*_)?(?:password|passwd|api_?key|secret_?key|client_?secret|access_?token|auth_?token)["']?\s*[:=]\s*["']?(?<value>[^\s"';&|]{8,})/i,
  },
];

/** Secrets found in `text`, at most one per kind and line. */
export function findSecrets(text: string | null | undefined): SecretMatch[] {
  if (!text) return [];
  const found: SecretMatch[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((content, i) => {
    for (const { kind, pattern } of PATTERNS) {
      const m = pattern.exec(content);
      if (!m) continue;
      const value = m.groups?.value;
      if (value !== undefined && REFERENCE.test(value)) continue;
      found.push({ kind, line: i + 1 });
    }
  });
  return found;
}

/** `AWS access key id (line 3), private key (line 10)`: never the secret itself. */
export function describeSecrets(matches: readonly SecretMatch[], limit = 5): string {
  const parts = matches.slice(0, limit).map((m) => `${m.kind} (line ${m.line})`);
  if (matches.length > limit) parts.push(`${matches.length - limit} more`);
  return parts.join(', ');
}
