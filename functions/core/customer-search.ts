/*
 * Customer search terms (contract section 3, v1.1). A customer is findable by every prefix of
 * their name starting at the start of any word, and by every prefix of their phone number. Each
 * (term, customer) is one index item whose partition is the term, so a search is one Query of the
 * exact term, newest first (functions/data/customer-search.ts).
 *
 * Bounds, so that registering writes at most 48 items and a profile change (old terms removed,
 * new ones written, with the profile) fits one 100-item transaction:
 * - name terms are at most NAME_TERM_LENGTH characters, from each of the first NAME_WORDS words.
 *   A longer query is answered from the entries of its first NAME_TERM_LENGTH characters, with the
 *   rest checked on the entry's whole normalized name; a word after the NAME_WORDS-th is not found.
 * - phone terms are every prefix of the digits (E.164 has at most 15), so phone search is exact.
 */

export const NAME_TERM_LENGTH = 8;
export const NAME_WORDS = 4;

/** Letters NFD does not decompose, folded as people type them without the accent; and the Greek final sigma. */
const FOLDS: Record<string, string> = { đ: 'd', ø: 'o', ł: 'l', ħ: 'h', ı: 'i', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th', ς: 'σ' };
const FOLDED = new RegExp(`[${Object.keys(FOLDS).join('')}]`, 'gu');

/** Accents (NFD, then no combining marks) and case folded; anything but letters and digits separates words. */
export function normalizeName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(FOLDED, (letter) => FOLDS[letter]!)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The digits of a phone number or of a phone query: `+` and spaces are ignored. */
export const phoneDigits = (text: string) => text.replace(/[\s+]/g, '');

/** A query starting with `+` or a digit searches phone numbers; any other, names. */
export const isPhoneQuery = (q: string) => /^[+\d]/.test(q);

/** What a customer's name is matched against: its normalized words, each preceded by a space (so " wan" finds a word start). */
export const searchableName = (name: string) => ` ${normalizeName(name)}`;

export type SearchTerm = `name:${string}` | `phone:${string}`;

function nameTerms(name: string): string[] {
  const normalized = normalizeName(name);
  const starts = [...normalized.matchAll(/(?:^| )(?=[^ ])/g)].map((match) => match.index + match[0].length).slice(0, NAME_WORDS);
  const terms = new Set<string>();
  for (const start of starts) {
    const rest = normalized.slice(start, start + NAME_TERM_LENGTH);
    for (let length = 1; length <= rest.length; length++) {
      // A query is trimmed, so it never ends in a space.
      if (rest[length - 1] !== ' ') terms.add(rest.slice(0, length));
    }
  }
  return [...terms];
}

/** Every term a customer is found by. */
export function searchTermsOf(customer: { name: string; phoneNumber: string }): SearchTerm[] {
  const digits = phoneDigits(customer.phoneNumber);
  const phone = Array.from({ length: digits.length }, (_, index) => `phone:${digits.slice(0, index + 1)}` as const);
  return [...nameTerms(customer.name).map((term) => `name:${term}` as const), ...phone];
}

export interface SearchQuery {
  /** The index partition to read. */
  term: SearchTerm;
  /** Set when the query is longer than the indexed terms: what the entry's searchable name must contain. */
  nameContains?: string;
}

/** The term to read for a query (already trimmed); null when nothing can match (a query of no letters or digits). */
export function searchQueryFor(q: string): SearchQuery | null {
  if (isPhoneQuery(q)) {
    const digits = phoneDigits(q);
    return /^\d{1,15}$/.test(digits) ? { term: `phone:${digits}` } : null;
  }
  const normalized = normalizeName(q);
  if (!normalized) return null;
  if (normalized.length <= NAME_TERM_LENGTH) return { term: `name:${normalized}` };
  return { term: `name:${normalized.slice(0, NAME_TERM_LENGTH)}`, nameContains: ` ${normalized}` };
}
