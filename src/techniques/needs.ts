/**
 * Turn a free-text question and optional explicit constraints into "needs":
 * the properties a technique must have to answer it. Keyword table below; each
 * need records where it came from and which words triggered it. Pure and
 * deterministic; words the table does not know are ignored.
 * @module
 */

export const NEED_IDS = [
  'chemical-contrast', 'resolution', 'liquid-compatibility', 'time-resolution', 'penetration-3d',
  'intact-cell', 'surface-metrology', 'solid-state', 'avoid-electron-beam', 'wide-field',
  'sei-visibility', 'deposit-morphology',
] as const
export type NeedId = (typeof NEED_IDS)[number]

export const NEED_LABELS: Record<NeedId, string> = {
  'chemical-contrast': 'chemical contrast (composition, species, phases)',
  resolution: 'nanoscale resolution',
  'liquid-compatibility': 'works with a liquid electrolyte',
  'time-resolution': 'time resolution (operando, real time)',
  'penetration-3d': 'penetration below the surface and 3D information',
  'intact-cell': 'an intact, practical cell',
  'surface-metrology': 'surface metrology (topography, roughness, height, force)',
  'solid-state': 'solid-state cell compatibility',
  'avoid-electron-beam': 'no electron beam (avoid beam damage)',
  'wide-field': 'wide field of view (large areas, statistics)',
  'sei-visibility': 'the SEI is visible',
  'deposit-morphology': 'images Li deposit morphology',
}

/**
 * Keyword table: a need is derived when any of its patterns matches the
 * lower-cased, Unicode-folded question. One phrase can yield several needs
 * ("intact" → penetration-3d and intact-cell).
 */
export const NEED_KEYWORDS: Record<NeedId, RegExp[]> = {
  'chemical-contrast': [
    /\bcompositions?\b|\bcompositional\b/, /\bchemi(?:stry|cal(?:ly)?)\b/, /\bspecies\b|\bspeciation\b/,
    /\belement(?:s|al)?\b/, /\b(?:eels|edx|eds|xps)\b/, /\bcrystal(?:line|lographic)?\b/,
    /\b(?:lif|li2co3|li2o|lioh|li3n)\b/,
  ],
  resolution: [
    /\bnano[- ]?scale\b|\bnanometers?\b|\bnanometres?\b|\bnm\b/, /\batomic(?:[- ]scale)?\b/,
    /\bsub[- ]?micron\b/, /\bhigh[- ]resolution\b/, /\blattice\b/,
  ],
  'liquid-compatibility': [
    /\bliquids?\b/, /\bcarbonates?\b/, /\bethers?\b|\bglymes?\b/, /\bsolvents?\b/, /\bsoak(?:s|ed|ing)?\b/,
    /\bimmers(?:ed|ion)\b/, /\bwet\b/,
  ],
  'time-resolution': [
    /\boperando\b/, /\breal[- ]time\b/, /\bdynamics?\b/, /\bvideos?\b/, /\blive\b/, /\btime[- ]resolved\b/,
    /\bevolution\b|\bevolv(?:e|es|ing)\b/, /\bover time\b/, /\bkinetics?\b/,
  ],
  'penetration-3d': [
    /\b3d\b|\b3-d\b|\bthree[- ]dimensional\b/, /\binternal\b|\binside\b|\binterior\b/, /\btomograph(?:y|ic)\b/,
    /\bburied\b|\bsub-?surface\b/, /\bintact\b/, /\bthrough the (?:thickness|cell|separator|electrolyte)\b/,
  ],
  'intact-cell': [
    /\bintact\b/, /\bunmodified\b/, /\bworking (?:cell|battery)\b/, /\bpractical (?:cells?|batter(?:y|ies)|conditions?)\b/,
    /\bcommercial\b/, /\bpouch\b/, /\brealistic\b/, /\bfull[- ]cells?\b/,
  ],
  'surface-metrology': [
    /\btopograph(?:y|ic|ical)\b/, /\brough(?:ness|ening)?\b/, /\bheights?\b/, /\bforces?\b/,
    /\bsurface profiles?\b/, /\bstiffness\b|\bmodulus\b|\bmechanical propert(?:y|ies)\b/,
  ],
  'solid-state': [
    /\bsolid[- ]state\b/, /\bsolid(?:[- ]polymer)?[- ]electrolytes?\b/, /\ball[- ]solid\b/, /\bgarnets?\b/,
    /\bllz(?:t)?o\b/, /\blipon\b/, /\bsulfides?\b|\bsulphides?\b|\bli3ps4\b|\blgps\b|\bargyrodites?\b/,
    /\bceramics?\b/, /\bpolymer electrolytes?\b/,
  ],
  'avoid-electron-beam': [
    /\bbeam[- ](?:damage|sensitiv\w*|effects?|induced)\b/, /\bradiolysis\b/, /\belectron dose\b|\bdose[- ]sensitiv\w*\b/,
    /\bwithout (?:an? )?(?:electron )?beam\b/, /\bno (?:electron )?beam\b/,
  ],
  'wide-field': [
    /\blarge[- ](?:area|field|scale|areas)\b/, /\bwide[- ](?:field|area|view)\b/, /\bfield of view\b/,
    /\bstatistic(?:s|al|ally)?\b/, /\bmacro(?:scale|scopic)\b/, /\b(?:whole|entire) electrode\b/,
    /\bacross the electrode\b/, /\bmany (?:dendrites|deposits|sites|nuclei)\b/, /\bmillimet(?:er|re)s?\b/,
  ],
  'sei-visibility': [/\bsei\b/, /\binterphases?\b/, /\bpassivation (?:layer|film)\b/],
  'deposit-morphology': [
    /\bdendrit\w*/, /\bmorpholog\w*/, /\bdeposits?\b|\bdeposition\b/, /\bwhiskers?\b/, /\bmossy\b/,
    /\bfilaments?\b/, /\bneedles?\b/, /\bnucleat\w*|\bnuclei\b/, /\bdead li\b/, /\bpits?\b/,
  ],
}

export interface Constraints {
  liquidElectrolyte?: boolean
  intactCell?: boolean
  nanoscale?: boolean
  timeResolved?: boolean
  avoidBeamDamage?: boolean
  solidState?: boolean
  threeD?: boolean
  chemistry?: boolean
}

/** Which need each explicit constraint sets (only `true` counts; `false` or absent adds nothing). */
export const CONSTRAINT_NEEDS: Record<keyof Constraints, NeedId> = {
  liquidElectrolyte: 'liquid-compatibility',
  intactCell: 'intact-cell',
  nanoscale: 'resolution',
  timeResolved: 'time-resolution',
  avoidBeamDamage: 'avoid-electron-beam',
  solidState: 'solid-state',
  threeD: 'penetration-3d',
  chemistry: 'chemical-contrast',
}

export interface Need { need: NeedId; from: 'question' | 'constraints'; matched: string }

/** Lower-case, NFKC, dashes and subscripts folded, whitespace collapsed. */
export function normaliseQuestion(text: string): string {
  return text.normalize('NFKC').toLowerCase()
    .replace(/[‐-―−]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Words that qualify "electrolyte" as not liquid. */
const NON_LIQUID_QUALIFIER = /(?:solid|polymer|ceramic|garnet|sulfide|sulphide|oxide|inorganic|state|glass|gel)[\s-]*$/

/**
 * A bare "electrolyte" (not "solid electrolyte", "polymer electrolyte"…) is read as a
 * liquid electrolyte, the usual meaning in this field when nothing else is said.
 */
function bareElectrolyte(q: string): boolean {
  for (const m of q.matchAll(/\belectrolytes?\b/g)) {
    const before = q.slice(Math.max(0, (m.index ?? 0) - 30), m.index)
    if (!NON_LIQUID_QUALIFIER.test(before)) return true
  }
  return false
}

/**
 * Needs from the question (keyword table) and from constraints set to `true`.
 * Order: question needs in `NEED_IDS` order, then constraint needs in key order.
 */
export function deriveNeeds(question: string, constraints?: Constraints): Need[] {
  const q = normaliseQuestion(question ?? '')
  const needs: Need[] = []
  for (const id of NEED_IDS) {
    const hits: string[] = []
    for (const re of NEED_KEYWORDS[id]) {
      const g = new RegExp(re.source, 'g')
      for (const m of q.matchAll(g)) if (!hits.includes(m[0])) hits.push(m[0])
    }
    if (id === 'liquid-compatibility' && hits.length === 0 && bareElectrolyte(q)
      && !NEED_KEYWORDS['solid-state'].some((re) => re.test(q))) hits.push('electrolyte')
    if (hits.length) needs.push({ need: id, from: 'question', matched: hits.join(', ') })
  }
  if (constraints) {
    for (const key of Object.keys(CONSTRAINT_NEEDS) as (keyof Constraints)[]) {
      if (constraints[key] === true) needs.push({ need: CONSTRAINT_NEEDS[key], from: 'constraints', matched: key })
    }
  }
  return needs
}
