import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { PasswordPolicyError, SecurityError } from './errors.ts';

/** scrypt cost parameters. Memory per hash is about `128 · r · 2^logN` bytes; time grows with `2^logN · r · p`. */
export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  readonly logN: number;
  /** Block size. */
  readonly r: number;
  /** Parallelisation (Node runs the lanes one after another: time × p, memory unchanged). */
  readonly p: number;
  /** Salt length in bytes. */
  readonly saltBytes: number;
  /** Derived hash length in bytes. */
  readonly hashBytes: number;
}

/**
 * Default cost: N = 2^16, r = 8, p = 2 — OWASP's scrypt alternative equivalent to its
 * N = 2^17, p = 1 minimum, at half the memory (64 MiB per hash). Measured on the 2-core
 * AMD EPYC development server (Node 24): ~250–320 ms per hash or verify, about 5 per second
 * with both cores busy (N = 2^16, p = 1 takes ~180 ms; N = 2^17, p = 1 ~370 ms and 128 MiB).
 * Node runs scrypt on the libuv thread pool (4 threads by default), so at most ~256 MiB is
 * in use at once.
 */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = Object.freeze({ logN: 16, r: 8, p: 2, saltBytes: 16, hashBytes: 32 });

/** The password policy. */
export interface PasswordPolicy {
  /** Minimum length in Unicode code points (after NFKC normalisation). */
  readonly minLength: number;
  /** Maximum length in code points: bounds the work an attacker can ask of the hasher. */
  readonly maxLength: number;
  /** Minimum number of character classes (lowercase, uppercase, digit, other). */
  readonly minClasses: number;
}

/** Default policy: 12 to 1024 characters, not all of one class. */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = Object.freeze({ minLength: 12, maxLength: 1024, minClasses: 2 });

/** One broken policy rule. */
export interface PasswordPolicyViolation {
  readonly rule: 'min_length' | 'max_length' | 'character_classes';
  readonly message: string;
}

/** Result of {@link checkPasswordPolicy}. */
export interface PasswordPolicyResult {
  readonly ok: boolean;
  readonly violations: readonly PasswordPolicyViolation[];
}

const PREFIX = '$scrypt$';
const B64 = /^[A-Za-z0-9+/]+$/;

/**
 * Passwords are normalised to NFKC before hashing and verifying, so the same password typed
 * on systems that compose accents differently (macOS NFD vs NFC) still matches.
 */
function normalize(password: string): string {
  return password.normalize('NFKC');
}

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function scryptOptions(params: ScryptParams): ScryptOptions {
  const N = 2 ** params.logN;
  // OpenSSL refuses above maxmem (32 MiB by default); allow exactly what these params need plus slack.
  return { N, r: params.r, p: params.p, maxmem: 128 * params.r * (N + params.p + 2) + 1024 * 1024 };
}

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(normalize(password), salt, params.hashBytes, scryptOptions(params), (err, key) => (err ? reject(err) : resolve(key)));
  });
}

function unpadded(b: Buffer): string {
  return b.toString('base64').replace(/=+$/, '');
}

function validateParams(params: ScryptParams): void {
  const ok =
    Number.isInteger(params.logN) && params.logN >= 10 && params.logN <= 22 &&
    Number.isInteger(params.r) && params.r >= 1 && params.r <= 32 &&
    Number.isInteger(params.p) && params.p >= 1 && params.p <= 16 &&
    Number.isInteger(params.saltBytes) && params.saltBytes >= 16 && params.saltBytes <= 64 &&
    Number.isInteger(params.hashBytes) && params.hashBytes >= 16 && params.hashBytes <= 64;
  if (!ok) throw new RangeError(`Unsupported scrypt parameters ${JSON.stringify(params)}.`);
}

/**
 * Hash a password with scrypt and a random salt. The result is self-describing, in the PHC
 * string format: `$scrypt$ln=16,r=8,p=2$<salt base64>$<hash base64>`. Call
 * {@link assertPasswordPolicy} first for a new password; this function only refuses
 * passwords longer than the policy maximum.
 *
 * @throws {@link PasswordPolicyError} when the password is longer than `DEFAULT_PASSWORD_POLICY.maxLength`.
 */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Promise<string> {
  validateParams(params);
  if (codePoints(password) > DEFAULT_PASSWORD_POLICY.maxLength) {
    throw new PasswordPolicyError(`The password is longer than ${DEFAULT_PASSWORD_POLICY.maxLength} characters.`, [
      { rule: 'max_length', message: `At most ${DEFAULT_PASSWORD_POLICY.maxLength} characters.` },
    ]);
  }
  const salt = randomBytes(params.saltBytes);
  const hash = await derive(password, salt, params);
  return `${PREFIX}ln=${params.logN},r=${params.r},p=${params.p}$${unpadded(salt)}$${unpadded(hash)}`;
}

/** The parts of an encoded hash. */
export interface DecodedPasswordHash {
  readonly params: ScryptParams;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

/**
 * Parse an encoded hash made by {@link hashPassword}.
 *
 * @throws {@link SecurityError} `AUTH_PASSWORD_HASH_INVALID` when it is not a scrypt PHC string
 * with supported parameters.
 */
export function decodePasswordHash(encoded: string): DecodedPasswordHash {
  const bad = (why: string): SecurityError =>
    new SecurityError('AUTH_PASSWORD_HASH_INVALID', `The stored password hash cannot be used: ${why}.`);
  if (!encoded.startsWith(PREFIX)) throw bad('it is not an encoded scrypt hash ($scrypt$…)');
  const parts = encoded.slice(PREFIX.length).split('$');
  if (parts.length !== 3) throw bad('it does not have the form $scrypt$ln=…,r=…,p=…$salt$hash');
  const [paramText, saltText, hashText] = parts as [string, string, string];
  const m = /^ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})$/.exec(paramText);
  if (!m) throw bad('its parameters are not ln=…,r=…,p=…');
  if (!B64.test(saltText) || !B64.test(hashText)) throw bad('its salt or hash is not base64');
  const salt = Buffer.from(saltText, 'base64');
  const hash = Buffer.from(hashText, 'base64');
  const params: ScryptParams = { logN: Number(m[1]), r: Number(m[2]), p: Number(m[3]), saltBytes: salt.length, hashBytes: hash.length };
  try {
    validateParams(params);
  } catch {
    throw bad(`its parameters (ln=${params.logN}, r=${params.r}, p=${params.p}, ${salt.length}-byte salt, ${hash.length}-byte hash) are out of the supported range`);
  }
  return { params, salt, hash };
}

/**
 * Check a password against an encoded hash, comparing in constant time. Returns false for a
 * wrong password, and for one longer than the policy maximum without hashing it.
 *
 * @throws {@link SecurityError} `AUTH_PASSWORD_HASH_INVALID` when the stored hash is malformed.
 */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const { params, salt, hash } = decodePasswordHash(encoded);
  if (codePoints(password) > DEFAULT_PASSWORD_POLICY.maxLength) return false;
  const candidate = await derive(password, salt, params);
  return timingSafeEqual(candidate, hash);
}

/**
 * Spend the same time as a {@link verifyPassword} with these params, and return false. Call
 * it when the email is unknown so that response times do not reveal which accounts exist.
 */
export async function verifyPasswordOfUnknownUser(password: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Promise<false> {
  if (codePoints(password) <= DEFAULT_PASSWORD_POLICY.maxLength) await derive(password, randomBytes(params.saltBytes), params);
  return false;
}

/**
 * True when the hash was made with parameters other than `params` (weaker or stronger): after a
 * successful login, hash the password again and store the new hash.
 *
 * @throws {@link SecurityError} `AUTH_PASSWORD_HASH_INVALID` when the stored hash is malformed.
 */
export function needsRehash(encoded: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): boolean {
  const d = decodePasswordHash(encoded).params;
  return d.logN !== params.logN || d.r !== params.r || d.p !== params.p || d.saltBytes !== params.saltBytes || d.hashBytes !== params.hashBytes;
}

/** Check a new password against the policy and list every violation. */
export function checkPasswordPolicy(password: string, policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY): PasswordPolicyResult {
  const violations: PasswordPolicyViolation[] = [];
  const pw = normalize(password);
  const length = codePoints(pw);
  if (length < policy.minLength) {
    violations.push({ rule: 'min_length', message: `Use at least ${policy.minLength} characters (this one has ${length}).` });
  }
  if (length > policy.maxLength) {
    violations.push({ rule: 'max_length', message: `Use at most ${policy.maxLength} characters (this one has ${length}).` });
  } else {
    const classes = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u].filter((re) => re.test(pw)).length;
    if (classes < policy.minClasses) {
      violations.push({
        rule: 'character_classes',
        message: `Mix at least ${policy.minClasses} kinds of characters: lowercase, uppercase, digits, other symbols or spaces.`,
      });
    }
  }
  return { ok: violations.length === 0, violations };
}

/**
 * Throw when a new password breaks the policy.
 *
 * @throws {@link PasswordPolicyError} (`AUTH_PASSWORD_POLICY`) with every violation in `details.violations`.
 */
export function assertPasswordPolicy(password: string, policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY): void {
  const result = checkPasswordPolicy(password, policy);
  if (!result.ok) {
    throw new PasswordPolicyError(`The password does not meet the policy: ${result.violations.map((v) => v.message).join(' ')}`, result.violations);
  }
}
