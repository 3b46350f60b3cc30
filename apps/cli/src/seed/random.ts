/**
 * Deterministic pseudo-randomness for the seeder: every value is a pure function of the
 * seed and the keys that name it (provider, resource, finding, scan), so any row can be
 * generated again, alone and in any order, and a seed always gives the same data set.
 */

/** A 32-bit hash of a string (FNV-1a). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mixes 32-bit words into one well-spread 32-bit value (murmur3 finaliser per word). */
export function mix(...words: number[]): number {
  let h = 0x9e3779b9;
  for (const w of words) {
    let k = Math.imul(w >>> 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A number in [0, 1) from the words. */
export function unit(...words: number[]): number {
  return mix(...words) / 0x1_0000_0000;
}

/** An integer in [0, n) from the words. */
export function below(n: number, ...words: number[]): number {
  return Math.floor(unit(...words) * n);
}

/** One element of a non-empty list, chosen by the words. */
export function pick<T>(list: readonly T[], ...words: number[]): T {
  return list[below(list.length, ...words)] as T;
}

/** `length` lowercase hex digits from the words (AWS-style resource ids: `i-0abc…`). */
export function hex(length: number, ...words: number[]): string {
  let out = '';
  for (let i = 0; out.length < length; i++) out += mix(...words, i).toString(16).padStart(8, '0');
  return out.slice(0, length);
}
