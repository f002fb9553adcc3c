/**
 * Fixed word lists of the text parsers: stop words, topics, separators, solid
 * electrolyte forms, surface preparations, and a fallback table of material
 * categories for the seed vocabulary (used only when the caller does not pass
 * the materials themselves). All keys are `termKey`-normalised (lower case).
 * @module
 */

/** A lookup table without a prototype, so `__proto__`, `constructor`… typed by a user are just unknown words. */
export function table<T>(entries: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries)
}

/** Function words: never reported as unrecognised. */
export const STOP_WORDS = new Set([
  'what', "what's", 'whats', 'happens', 'happen', 'happened', 'happening', 'at', 'with', 'on', 'and', 'the', 'for', 'in',
  'of', 'if', 'i', 'run', 'runs', 'running', 'it', 'to', 'a', 'an', 'is', 'are', 'was', 'were', 'be', 'been', 'being',
  'do', 'does', 'did', 'will', 'would', 'should', 'could', 'can', 'may', 'might', 'must', 'shall', 'how', 'why', 'when',
  'where', 'which', 'who', 'whom', 'whose', 'there', 'this', 'that', 'these', 'those', 'my', 'our', 'your', 'we', 'you',
  'me', 'us', 'they', 'them', 'its', 'their', 'from', 'by', 'or', 'as', 'into', 'onto', 'than', 'then', 'so', 'under',
  'over', 'after', 'before', 'during', 'between', 'using', 'use', 'used', 'via', 'per', 'vs', 'vs.', 'versus', 'get',
  'gets', 'got', 'about', 'like', 'also', 'both', 'some', 'any', 'all', 'more', 'less', 'most', 'least', 'much', 'many',
  'very', 'same', 'different', 'please', 'give', 'find', 'show', 'tell', 'explain', 'expect', 'expected', 'predict',
  'prediction', 'effect', 'effects', 'influence', 'impact', 'change', 'changes', 'affect', 'affects', 'does', 'look',
  'looks', 'see', 'seen', 'observe', 'observed', 'my', 'one', 'two', 'vs', 'v', 'w', 'not', 'no', 'without', 'only',
  'other', 'others', 'each', 'every', 'here', 'what\'s', 'whether', 'instead', 'while', 'up', 'down', 'out', 'off',
  'compared', 'against', 'applied', 'apply', 'applying', 'set', 'keep', 'kept', 'held', 'hold', 'go', 'goes', 'going',
  'make', 'makes', 'made', 'have', 'has', 'had', 'having', 'e.g.', 'i.e.', 'etc', 'etc.', 'via', 'plus', '&', '=',
  'cell', 'cells', 'battery', 'batteries', 'coin', 'pouch', 'electrode', 'electrodes', 'anode', 'anodes', 'metal',
  'current', 'density', 'densities', 'capacity', 'areal', 'temperature', 'pressure', 'stack', 'electrolyte',
  'electrolytes', 'salt', 'solvent', 'additive', 'additives', 'separator', 'substrate', 'collector', 'cycled',
  'cycling', 'cycle', 'cycles', 'study', 'studies', 'paper', 'papers', 'work', 'works', 'result', 'results', 'data',
  'technique', 'techniques', 'method', 'methods', 'microscopy', 'imaging', 'image', 'images', 'observation',
  'observations', 'operando', 'in-situ', 'situ', 'ex-situ', 'ex', 'condition', 'conditions', 'type', 'kind',
  'thick', 'thickness', 'concentration', 'ratio', 'content', 'amount', 'added', 'adding', 'addition', 'containing',
  'best', 'better', 'worse', 'good', 'bad', 'suitable', 'right', 'appropriate', 'tool', 'tools', 'instrument', 'which',
  'ideal', 'optimal', 'rate', 'constant', 'galvanostatic', 'charge', 'discharge', 'charging', 'discharging', 'lithium-metal',
  'li-metal', 'foil', 'occur', 'occurs', 'form', 'forms', 'formed', 'formation', 'coating', 'coated', 'coatings',
  'layer', 'gap', 'spacing', 'distance', 'interface', 'interfaces', 'surface', 'side', 'top', 'bottom', 'high', 'low',
  'higher', 'lower', 'large', 'small', 'fast', 'slow', 'faster', 'slower', 'increase', 'decrease', 'increasing',
  'decreasing', 'typical', 'typically', 'usually', 'case', 'than', 'mode', 'li+', 'ion', 'ions', 'lithium-ion',
  'through', 'across', 'within', 'inside', 'near', 'toward', 'towards', 'because', 'since', 'due', 'until', 'above',
  'below', 'around', 'approximately', 'approx', 'approx.', 'ca', 'ca.', 'circa', 'roughly', 'nominal', 'same', 'new',
  'first', 'second', 'initial', 'final', 'long', 'short-term', 'long-term', 'time', 'times', 'total', 'even', 'still',
  'such', 'say', 'e', 'i.e', 'e.g', 'eg', 'ie', 'vs', 'whereas', 'respectively', 'then', 'now', 'bare', 'plain',
  'uncoated', 'unmodified', 'standard', 'conventional', 'commercial', 'baseline', 'reference', 'control',
])

/** Topic keywords → topic id. */
export const TOPICS: Record<string, string> = table({})
const topic = (id: string, words: string[]) => { for (const w of words) TOPICS[w] = id }
topic('sei', ['sei', 'seis', 'solid electrolyte interphase', 'solid-electrolyte interphase', 'interphase', 'interphases',
  'passivation layer', 'passivation film', 'passivation', 'sei layer', 'sei film', 'sei formation', 'sei composition'])
topic('dendrites', ['dendrite', 'dendrites', 'dendritic', 'dendrite growth', 'dendritic growth', 'dendrite formation',
  'li dendrites', 'lithium dendrites', 'li dendrite', 'lithium dendrite'])
topic('dead-li', ['dead li', 'dead lithium', 'dead-li', 'inactive li', 'inactive lithium', 'isolated li', 'isolated lithium',
  'orphaned li', 'orphaned lithium', 'stranded li', 'electrically isolated li', 'dead metal'])
topic('nucleation', ['nucleation', 'nucleate', 'nucleates', 'nucleating', 'nuclei', 'nucleus', 'nucleation overpotential',
  'overpotential', 'incubation', 'incubation time', 'incubation period', 'nucleation density', 'initial deposition'])
topic('short-circuit', ['short circuit', 'short-circuit', 'short circuits', 'short-circuits', 'short-circuiting', 'shorting',
  'short', 'shorts', 'internal short', 'soft short', 'penetration', 'penetrate', 'penetrates', 'penetrating', 'failure',
  'cell failure', 'critical current density', 'ccd'])
topic('3d-structure', ['3d', '3-d', 'three-dimensional', 'three dimensional', '3d structure', '3d morphology', '3d host',
  'host', 'scaffold', 'porous', 'porosity', '3d reconstruction', 'volume', 'tortuosity'])
topic('morphology', ['morphology', 'morphologies', 'microstructure', 'growth mode', 'shape', 'deposit morphology'])
topic('stripping', ['stripping', 'strip', 'stripped', 'dissolution', 'pitting', 'pits', 'pit', 'voids', 'void'])
topic('plating', ['plating', 'plated', 'deposition', 'electrodeposition', 'deposit', 'deposits', 'deposited', 'growth', 'grow',
  'grows', 'plate'])
topic('coulombic-efficiency', ['coulombic efficiency', 'ce', 'efficiency', 'reversibility', 'cycle life', 'lifetime'])
topic('gas-evolution', ['gas', 'gas evolution', 'gassing', 'gases'])
topic('corrosion', ['corrosion', 'calendar aging', 'calendar ageing', 'self-discharge', 'aging', 'ageing'])
topic('beam-effects', ['beam damage', 'beam effects', 'beam-induced', 'beam artefacts', 'beam artifacts', 'electron dose',
  'dose', 'radiation damage', 'artefact', 'artefacts', 'artifact', 'artifacts'])
topic('volume-change', ['volume change', 'volume expansion', 'swelling', 'expansion'])

/** Morphology families that count as the 'dendrites' topic. */
export const DENDRITIC_FAMILIES = new Set(['dendritic', 'whisker', 'penetrating', 'mossy'])

export type SeparatorType = 'PE' | 'PP' | 'GF' | 'ceramic' | 'none' | 'capillary'

/** Separator words → type (with an assumption to report when the word is a trade name). */
export const SEPARATORS: Record<string, { type: SeparatorType; note?: string }> = table({})
const sep = (type: SeparatorType, words: string[], note?: string) => {
  for (const w of words) SEPARATORS[w] = note ? { type, note } : { type }
}
sep('PE', ['pe', 'polyethylene', 'pe separator', 'polyethylene separator', 'pe membrane', 'polyethylene membrane'])
sep('PP', ['pp', 'polypropylene', 'pp separator', 'polypropylene separator', 'pp membrane', 'polypropylene membrane'])
sep('PP', ['celgard', 'celgard separator', 'celgard 2400', 'celgard 2500', 'celgard 2325', 'celgard 2320', 'celgard 2340'],
  'Celgard read as a polypropylene (PP) separator')
sep('GF', ['gf', 'glass fiber', 'glass fibre', 'glass-fiber', 'glass-fibre', 'glass fiber separator', 'glass fibre separator',
  'glass microfiber', 'glass microfibre', 'glass microfiber filter', 'gf/a', 'gf/b', 'gf/c', 'gf/d', 'gf/f', 'whatman',
  'whatman gf/a', 'whatman gf/b', 'whatman gf/c', 'whatman gf/d', 'whatman gf/f', 'gf separator', 'glass fiber filter',
  'glass fibre filter'])
sep('ceramic', ['ceramic separator', 'ceramic-coated separator', 'ceramic membrane'])
sep('none', ['no separator', 'separator-free', 'without separator', 'without a separator', 'separatorless'])

/** Forms of a solid electrolyte. */
export const SOLID_FORMS: Record<string, 'glass' | 'polycrystal' | 'single-crystal' | 'thin-film' | 'pellet' | 'chip'> = table({
  pellet: 'pellet', pellets: 'pellet', 'single crystal': 'single-crystal', 'single-crystal': 'single-crystal',
  'single crystalline': 'single-crystal', 'single-crystalline': 'single-crystal', polycrystal: 'polycrystal',
  polycrystalline: 'polycrystal', 'thin film': 'thin-film', 'thin-film': 'thin-film', glass: 'glass', glassy: 'glass',
  amorphous: 'glass', chip: 'chip',
})

/** Surface preparations of the Li or substrate surface. */
export const SURFACE_PREPS: Record<string, string> = table({
  polished: 'polished', polishing: 'polished', scraped: 'scraped', scraping: 'scraped', etched: 'etched',
  etching: 'etched', 'acid-etched': 'acid-etched', 'hcl-etched': 'HCl etching', rolled: 'rolled', 'cold-rolled': 'rolled',
  annealed: 'annealed', 'heat-treated': 'annealed', cleaned: 'cleaned', 'as-received': 'as-received', pristine: 'as-received',
  'freshly scraped': 'scraped', 'freshly cut': 'freshly cut', 'freshly-cut': 'freshly cut',
})

/** Temperatures written as words. */
export const NAMED_TEMPERATURES: Record<string, number> = table({ 'room temperature': 25, rt: 25, 'ambient temperature': 25 })

/** Cell-type words. */
export const CELL_WORDS: Record<string, 'Li-Cu' | 'Li-Li' | 'anode-free' | 'Li-cathode'> = table({
  symmetric: 'Li-Li', symmetrical: 'Li-Li', 'symmetric cell': 'Li-Li', 'li symmetric': 'Li-Li', 'li-li': 'Li-Li',
  'anode-free': 'anode-free', 'anode free': 'anode-free', anodeless: 'anode-free', 'anode-less': 'anode-free',
  'full cell': 'Li-cathode', 'full-cell': 'Li-cathode', 'li-cu': 'Li-Cu', 'li-cathode': 'Li-cathode',
})

/** Words that make a question a comparison. */
export const COMPARE_WORDS = new Set(['compare', 'comparison', 'comparing', 'versus', 'vs', 'vs.', 'contrast'])

/** `X-coated`, `X-free`, `X-based`… after a material. */
export const MATERIAL_SUFFIXES: Record<string, 'coated' | 'free' | 'with' | 'plain'> = table({
  coated: 'coated', coating: 'coated', modified: 'coated', decorated: 'coated', protected: 'coated',
  free: 'free', based: 'with', containing: 'with', added: 'with', rich: 'with', doped: 'with', enriched: 'with',
  foil: 'plain', film: 'plain', sheet: 'plain', mesh: 'plain', electrode: 'plain', substrate: 'plain', metal: 'plain',
  plate: 'plain', wire: 'plain', disc: 'plain', disk: 'plain', 'current-collector': 'plain', collector: 'plain',
})

/**
 * Categories of the seed materials, used when no material list is given. A test
 * checks this table against `seeds/vocab/materials.json`.
 */
export const DEFAULT_MATERIAL_CATEGORIES: Record<string, readonly string[]> = table({
  LiPF6: ['salt'], LiTFSI: ['salt'], LiFSI: ['salt'], LiClO4: ['salt'], CsPF6: ['salt', 'additive'],
  LiDFOB: ['salt', 'additive'], LiPO2F2: ['salt', 'additive'], LiNO3: ['additive', 'salt'],
  EC: ['solvent'], DMC: ['solvent'], DEC: ['solvent'], EMC: ['solvent'], PC: ['solvent'], DME: ['solvent'],
  DOL: ['solvent'], DMSO: ['solvent'], TEGDME: ['solvent'], FEC: ['additive', 'solvent'], VC: ['additive'],
  ferrocene: ['additive'], LLZTO: ['solid-electrolyte'], LLZO: ['solid-electrolyte'], 'LLZO-Al': ['solid-electrolyte'],
  'LPS-glass': ['solid-electrolyte'], 'beta-Li3PS4': ['solid-electrolyte'], 'Li2S-P2S5': ['solid-electrolyte'],
  Li6PS5Cl: ['solid-electrolyte'], LiPON: ['solid-electrolyte'], 'SPE-LiTFSI': ['polymer-electrolyte', 'solid-electrolyte'],
  PEO: ['polymer-electrolyte'], Li2O: ['sei-species', 'solid-electrolyte'], Li: ['substrate'], Cu: ['substrate', 'coating'],
  W: ['substrate'], Ti: ['substrate'], SS: ['substrate'], Pt: ['substrate'], Au: ['substrate', 'coating'],
  Ag: ['substrate', 'coating'], Ni: ['substrate'], Cr: ['substrate'], Bi: ['substrate'], In: ['substrate'], Pd: ['substrate'],
  Al: ['substrate'], GC: ['substrate'], brass: ['substrate'], Sb: ['coating'], LixSi: ['coating'], Li3Mg7: ['host'],
  'SEI@GNR': ['coating'], Al2O3: ['coating', 'other'], 'N-HPCS': ['host'], LiFePO4: ['cathode'], LiCoO2: ['cathode'],
  LiF: ['sei-species'], LiOH: ['sei-species'], Li2CO3: ['sei-species'], Li3N: ['sei-species'], Li2S: ['sei-species'],
  LiH: ['sei-species'], Li2C2: ['sei-species'], 'Li-Al-O': ['sei-species', 'other'], Si: ['other'], CNT: ['other'],
  Sn: ['other'], graphite: ['other'], 'Li-Pt': ['other'], 'Li-Au': ['other'], 'Li-In': ['other'], MgBu2: ['other'],
  HCl: ['other'], SiNx: ['other'], PenE: ['other'], O2: ['gas'], H2O: ['gas'], CO: ['gas'], C2H4: ['gas'],
})
