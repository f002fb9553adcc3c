/**
 * Author names as the review gives them ("A. J. Sanchez", "K.-H. Chen",
 * "et al.") split for citation formats. Pure.
 * @module
 */

/** True for the "et al." placeholder the review uses when it truncates an author list. */
export const isEtAl = (name: string): boolean => /^et\.?\s*al\.?$/i.test(name.trim())

export interface SplitName { family: string; given?: string }

/**
 * Split "A. J. Sanchez" into `{ given: 'A. J.', family: 'Sanchez' }`: the last
 * whitespace-separated token is the family name, everything before it the given
 * names; lower-case particles directly before the family name ("van der") stay
 * with it. A single token yields only a family name.
 */
export function splitName(name: string): SplitName {
  const tokens = name.trim().split(/\s+/).filter(Boolean)
  if (tokens.length <= 1) return { family: tokens[0] ?? name.trim() }
  let cut = tokens.length - 1
  while (cut > 1 && /^(van|von|der|den|de|del|della|di|da|du|la|le|ter|ten|dos|das)$/.test(tokens[cut - 1] as string)) cut--
  return { family: tokens.slice(cut).join(' '), given: tokens.slice(0, cut).join(' ') }
}

/** Authors without the "et al." placeholder, and whether the list was truncated. */
export function authorList(authors: readonly string[]): { names: string[]; truncated: boolean } {
  const names = authors.filter((a) => !isEtAl(a))
  return { names, truncated: names.length !== authors.length }
}
