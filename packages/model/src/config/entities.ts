/**
 * The gazetteer (data/config/entities.yaml, or every *.yaml in data/config/entities/): the persons,
 * organisations and places Mirsad recognises, every spelling of each, and the context rules that
 * settle spellings shared with common words («مالي»: the country, or the adjective "financial"). Matching lives in
 * packages/ingest/src/extract/; this module reads, expands and validates.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import countries from 'i18n-iso-countries';
import { nameKey } from '../arabic/keys.ts';
import { ConfigError, ConfigNode } from './node.ts';

export type EntityType = 'person' | 'organization' | 'location';

export const ENTITY_KINDS = {
  person: ['person'],
  location: ['country', 'city', 'region', 'site'],
  organization: ['government', 'military', 'agency', 'media', 'international', 'armed_group', 'party', 'company', 'research', 'other'],
} as const satisfies Record<EntityType, readonly string[]>;

export type EntityKind = (typeof ENTITY_KINDS)[EntityType][number];

/** What a context rule decides for a match: keep it, drop it, or give it to another entity. */
export type Resolution = 'keep' | 'drop' | { entity: string };

/**
 * One rule of a context guard. Every condition present must hold. Cues are single words, compared
 * after matching normalisation and with proclitics removed («بدولة» satisfies «دولة»).
 */
export interface ContextRule {
  /** The word just before the match (quotes and brackets skipped). */
  preceded_by: string[];
  /** The word just after the match (quotes and brackets skipped). */
  followed_by: string[];
  /** A proclitic written on the match itself: «بمالي» has ب. Letters among و ف ب ك ل. */
  proclitic: string[];
  /** Any of these words within `window` words either side. */
  near: string[];
  window: number;
  /** Any of these words anywhere in the article. */
  in_article: string[];
  then: Resolution;
}

/** Rules for some variants of an entity, tried in order; `otherwise` applies when none holds. */
export interface ContextGuard {
  /** The variants (as written) the guard covers; never empty after loading. */
  variants: string[];
  rules: ContextRule[];
  otherwise: Resolution;
}

export interface EntityDef {
  /** Lower-case kebab-case English name: `mark-esper`, `united-states`. */
  id: string;
  type: EntityType;
  kind: EntityKind;
  name_ar: string;
  name_en: string;
  /** Every spelling that names the entity (name_ar first unless match_name is false), after spelling expansion. */
  variants: string[];
  /**
   * Spellings in Latin script, matched on English and French text: `variants_latin` as written,
   * then name_en (and the name in its brackets: «Pentagon (US Department of Defense)»), then, for a
   * country, its English and French names from i18n-iso-countries. Matched case- and
   * accent-insensitively; a spelling written all in capitals («MAP», «TAP») only in capitals.
   */
  variants_latin: string[];
  /** ISO 3166-1 alpha-2: the country itself, or the country a city, site or person belongs to. */
  country: string | null;
  context: ContextGuard[];
  /** `file:line` of the definition, so later stages can say where a problem comes from. */
  where: string;
}

export const ENTITIES_FILE = 'entities.yaml';
export const ENTITIES_DIR = 'entities';

/** The files loadEntities reads: entities.yaml and every *.yaml under entities/, sorted. */
export function entityFiles(configDir: string): string[] {
  const files: string[] = [];
  const single = path.join(configDir, ENTITIES_FILE);
  if (existsSync(single)) files.push(single);
  const dir = path.join(configDir, ENTITIES_DIR);
  if (existsSync(dir)) {
    for (const f of readdirSync(dir).sort()) if (/\.ya?ml$/.test(f)) files.push(path.join(dir, f));
  }
  return files;
}

export function loadEntities(configDir: string): EntityDef[] {
  const files = entityFiles(configDir);
  if (files.length === 0) {
    throw new ConfigError(path.join(configDir, ENTITIES_FILE), 1, 1, '', `no gazetteer: neither ${ENTITIES_FILE} nor ${ENTITIES_DIR}/*.yaml exists`);
  }
  return readEntities(files.map((f) => ConfigNode.load(f)));
}

/** Same as loadEntities, from texts already in memory (tests, tools): [display name, YAML]. */
export function parseEntities(...sources: [file: string, text: string][]): EntityDef[] {
  return readEntities(sources.map(([file, text]) => ConfigNode.parse(file, text)));
}

const ROOT_KEYS = ['countries', 'equivalents', 'entities'] as const;
const COUNTRIES_KEYS = ['include_all', 'skip_names'] as const;
const ENTITY_KEYS = ['id', 'type', 'kind', 'name_ar', 'name_en', 'match_name', 'variants', 'variants_latin', 'country', 'context'] as const;
const GUARD_KEYS = ['variants', 'rules', 'otherwise'] as const;
const RULE_KEYS = ['preceded_by', 'followed_by', 'proclitic', 'near', 'window', 'in_article', 'then'] as const;
const RESERVED_IDS = new Set(['keep', 'drop']);
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const PROCLITICS = new Set(['و', 'ف', 'ب', 'ك', 'ل']);
const DEFAULT_WINDOW = 6;
/** Spelling expansion multiplies variants; a cap keeps a careless equivalence group from exploding. */
const MAX_EXPANSIONS = 32;

interface Pending {
  def: EntityDef;
  node: ConfigNode;
  /** Resolutions naming other entities, checked once every file is read. */
  targets: [string, ConfigNode][];
}

function readEntities(roots: ConfigNode[]): EntityDef[] {
  let includeAll: ConfigNode | null = null;
  const skipNames = new Set<string>();
  const groups: string[][] = [];
  const pending: Pending[] = [];

  for (const root of roots) {
    root.only(ROOT_KEYS);
    const c = root.get('countries');
    if (!c.isMissing) {
      c.only(COUNTRIES_KEYS);
      if (c.get('include_all').boolean(false)) includeAll = c;
      for (const s of c.get('skip_names').strings()) skipNames.add(variantKey(s)).add(latinVariantKey(s));
    }
    for (const g of root.get('equivalents').items()) {
      const words = g.stringItems();
      if (words.length < 2) g.fail('an equivalence group needs at least two spellings');
      for (const [w, at] of words) if (/\s/.test(w)) at.fail(`"${w}" is not a single word`);
      groups.push(words.map(([w]) => w));
    }
    for (const n of root.get('entities').items()) pending.push(readEntity(n));
  }

  const ids = new Map<string, ConfigNode>();
  for (const p of pending) {
    const prev = ids.get(p.def.id);
    if (prev) p.node.get('id').fail(`duplicate entity id "${p.def.id}" (first defined at ${prev.file}:${prev.line})`);
    ids.set(p.def.id, p.node.get('id'));
  }

  const expand = equivalenceExpander(groups);
  const owners = new Map<string, { id: string; where: string }>();
  for (const p of pending) {
    // match_name: false for a city whose plain name is its country's («تونس»): only its variants match
    const matchName = p.node.get('match_name').boolean(true);
    const written: [string, ConfigNode][] = [
      ...(matchName ? ([[p.def.name_ar, p.node.get('name_ar')]] as [string, ConfigNode][]) : []),
      ...p.node.get('variants').stringItems(),
    ];
    if (written.length === 0) p.node.get('variants').fail('is required when match_name is false');
    const variants: string[] = [];
    const seen = new Set<string>();
    for (const [v, at] of written) {
      const forms = expand(v);
      for (const form of forms) {
        const key = variantKey(form);
        if (key === '') at.fail(`"${v}" has no letters or digits to match on`);
        if (seen.has(key)) continue;
        seen.add(key);
        const owner = owners.get(key);
        if (owner && owner.id !== p.def.id) {
          at.fail(`variant "${form}" already names entity "${owner.id}" (${owner.where})`);
        }
        owners.set(key, { id: p.def.id, where: `${at.file}:${at.line}` });
        variants.push(form);
      }
    }
    p.def.variants = variants;
    const guardNodes = p.node.get('context').items();
    for (const [gi, guard] of p.def.context.entries()) {
      const covered: string[] = [];
      for (const [v, at] of (guardNodes[gi] as ConfigNode).get('variants').stringItems()) {
        if (!seen.has(variantKey(v))) at.fail(`"${v}" is not a variant of "${p.def.id}"`);
        covered.push(...expand(v));
      }
      guard.variants = guard.variants.length === 0 ? [...variants] : dedupe(covered);
    }
  }

  addLatinVariants(pending, owners);

  for (const p of pending) {
    for (const [target, at] of p.targets) {
      if (!ids.has(target)) at.fail(`unknown entity id "${target}" (expected keep, drop or an entity id)`);
    }
  }

  const defs = pending.map((p) => p.def);
  if (includeAll) addCountries(defs, owners, skipNames, includeAll);
  return defs;
}

function readEntity(n: ConfigNode): Pending {
  n.only(ENTITY_KEYS);
  const idNode = n.get('id');
  const id = idNode.string();
  if (!KEBAB.test(id)) idNode.fail(`expected a lower-case kebab-case English name like "mark-esper", got "${id}"`);
  if (RESERVED_IDS.has(id)) idNode.fail(`"${id}" is reserved (it is a context rule's decision)`);
  const type = n.get('type').oneOf(['person', 'organization', 'location'] as const);
  const kindNode = n.get('kind');
  const allowedKinds: readonly string[] = ENTITY_KINDS[type];
  let kind: EntityKind;
  if (kindNode.isMissing) {
    if (type === 'location') kindNode.fail(`is required for a location (one of ${allowedKinds.join(', ')})`);
    kind = type === 'person' ? 'person' : 'other';
  } else {
    kind = kindNode.oneOf(allowedKinds) as EntityKind;
  }
  const country = n.get('country').optCountry();
  if (kind === 'country' && country === null) {
    n.get('country').fail(`is required for a ${kind}: its ISO 3166-1 alpha-2 code`);
  }
  const targets: [string, ConfigNode][] = [];
  const context = n
    .get('context')
    .items()
    .map((g): ContextGuard => {
      g.only(GUARD_KEYS);
      const rules = g
        .get('rules')
        .required('the rules tried in order')
        .items()
        .map((r) => readRule(r, targets));
      return { variants: g.get('variants').strings(), rules, otherwise: readResolution(g.get('otherwise'), targets, 'keep') };
    });
  const def: EntityDef = {
    id,
    type,
    kind,
    name_ar: n.get('name_ar').string(),
    name_en: n.get('name_en').string(),
    variants: [],
    variants_latin: [],
    country,
    context,
    where: `${idNode.file}:${idNode.line}`,
  };
  return { def, node: n, targets };
}

function readRule(r: ConfigNode, targets: [string, ConfigNode][]): ContextRule {
  r.only(RULE_KEYS);
  const words = (key: string): string[] => {
    const items = r.get(key).stringItems();
    for (const [w, at] of items) if (/\s/.test(w)) at.fail(`"${w}" is not a single word (cues are compared word by word)`);
    return items.map(([w]) => w);
  };
  const proclitic = words('proclitic');
  for (const p of proclitic) if (!PROCLITICS.has(p)) r.get('proclitic').fail(`"${p}" is not one of و ف ب ك ل`);
  const rule: ContextRule = {
    preceded_by: words('preceded_by'),
    followed_by: words('followed_by'),
    proclitic,
    near: words('near'),
    window: r.get('window').optNumber(DEFAULT_WINDOW),
    in_article: words('in_article'),
    then: readResolution(r.get('then'), targets, null),
  };
  if (!r.get('window').isMissing && rule.near.length === 0) r.get('window').fail('only means something with "near"');
  if (!Number.isInteger(rule.window) || rule.window < 1) r.get('window').fail('expected a whole number of words ≥ 1');
  const conditions = rule.preceded_by.length + rule.followed_by.length + rule.proclitic.length + rule.near.length + rule.in_article.length;
  if (conditions === 0) r.fail('a rule needs a condition: preceded_by, followed_by, proclitic, near or in_article');
  return rule;
}

function readResolution(n: ConfigNode, targets: [string, ConfigNode][], fallback: Resolution | null): Resolution {
  if (n.isMissing && fallback !== null) return fallback;
  const v = n.string();
  if (v === 'keep' || v === 'drop') return v;
  if (!KEBAB.test(v)) n.fail(`expected keep, drop or an entity id, got "${v}"`);
  targets.push([v, n]);
  return { entity: v };
}

function dedupe(xs: string[]): string[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = variantKey(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Every spelling of a variant: each word that belongs to an equivalence group is replaced by each
 * member («الأمريكية» ↔ «الأميركية»), and «عبد X» / «أبو X» are also written joined («عبدالمجيد»),
 * as Arabic news often does.
 */
function equivalenceExpander(groups: string[][]): (variant: string) => string[] {
  const byWord = new Map<string, string[]>();
  for (const g of groups) for (const w of g) byWord.set(variantKey(w), g);
  return (variant) => {
    const words = variant.trim().split(/\s+/);
    let forms: string[][] = [[]];
    for (const w of words) {
      const alts = byWord.get(variantKey(w)) ?? [w];
      const next: string[][] = [];
      for (const f of forms) for (const a of alts) if (next.length < MAX_EXPANSIONS) next.push([...f, a]);
      forms = next;
    }
    const out = new Set<string>();
    for (const f of forms) {
      out.add(f.join(' '));
      const joined = f.join(' ').replace(/(^|\s)(عبد|أبو|ابو) (?=\S)/g, '$1$2');
      out.add(joined);
    }
    return [...out];
  };
}

const LATIN_LETTER = /[A-Za-z\u00c0-\u024f\u1e00-\u1eff]/;
const ARABIC_LETTER = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/;

/** The key of a Latin spelling: variantKey without accents («Saïed» and «Saied» are one). */
export function latinVariantKey(s: string): string {
  return variantKey(
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .normalize('NFC'),
  );
}

/** name_en and, when it has one, the name in its brackets: «AFRICOM (US Africa Command)» → both. */
export function englishNames(nameEn: string): string[] {
  const out: string[] = [];
  const inside = /\(([^()]+)\)/.exec(nameEn)?.[1]?.trim();
  const outside = nameEn
    .replace(/\([^()]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (outside && LATIN_LETTER.test(outside)) out.push(outside);
  if (inside && LATIN_LETTER.test(inside)) out.push(inside);
  return out;
}

/**
 * Latin spellings: every entity's variants_latin (validated, a claim on another entity's Latin
 * name is an error with both places), then its English name unless another entity wrote it.
 */
function addLatinVariants(pending: Pending[], owners: Map<string, { id: string; where: string }>): void {
  const derived = new Map<string, { id: string; where: string }>();
  for (const p of pending) {
    const at = p.node.get('name_en');
    for (const name of englishNames(p.def.name_en)) {
      const key = latinVariantKey(name);
      if (!derived.has(key)) derived.set(key, { id: p.def.id, where: `${at.file}:${at.line}` });
    }
  }
  const seenBy = new Map<Pending, Set<string>>();
  for (const p of pending) {
    const seen = new Set<string>();
    seenBy.set(p, seen);
    for (const [v, at] of p.node.get('variants_latin').stringItems()) {
      if (ARABIC_LETTER.test(v)) at.fail(`"${v}" has Arabic letters: variants_latin holds Latin spellings (Arabic ones go in variants)`);
      if (!LATIN_LETTER.test(v)) at.fail(`"${v}" has no Latin letters to match on`);
      const key = latinVariantKey(v);
      if (seen.has(key)) continue;
      seen.add(key);
      const owner = owners.get(key) ?? derived.get(key);
      if (owner && owner.id !== p.def.id) at.fail(`variant "${v}" already names entity "${owner.id}" (${owner.where})`);
      owners.set(key, { id: p.def.id, where: `${at.file}:${at.line}` });
      p.def.variants_latin.push(v.trim());
    }
  }
  for (const p of pending) {
    const seen = seenBy.get(p) as Set<string>;
    for (const name of englishNames(p.def.name_en)) {
      const key = latinVariantKey(name);
      if (seen.has(key)) continue;
      seen.add(key);
      const owner = owners.get(key);
      // two entities with one English name: the first keeps it, the second is matched by its other spellings
      if (owner && owner.id !== p.def.id) continue;
      if (derived.get(key)?.id !== p.def.id) continue;
      owners.set(key, derived.get(key) as { id: string; where: string });
      p.def.variants_latin.push(name);
    }
  }
}

/**
 * The key two variants collide on: the words the gazetteer matches them on, in the one matching
 * fold of @mirsad/model/arabic (so «ڤ» and «ف», «ی» and «ي» collide here as they do in ingest).
 */
export const variantKey = nameKey;

/**
 * One location per ISO 3166-1 country not defined in YAML, named from i18n-iso-countries; YAML
 * countries also receive the library's Arabic name as a variant. A name some YAML entity already
 * claims, or listed in countries.skip_names (a common word such as «بنين» "sons"), is left out.
 */
function addCountries(defs: EntityDef[], owners: Map<string, { id: string; where: string }>, skip: Set<string>, at: ConfigNode): void {
  const ar = countries.getNames('ar');
  const en = countries.getNames('en', { select: 'alias' });
  const byCode = new Map<string, EntityDef>();
  for (const d of defs) if (d.kind === 'country' && d.country) byCode.set(d.country, d);
  const ids = new Set(defs.map((d) => d.id));
  const where = `${at.file}:${at.line}`;
  for (const code of Object.keys(ar).sort()) {
    const arName = ar[code];
    const enName = en[code];
    if (!arName || !enName || /[()]/.test(arName)) continue;
    const names = [arName];
    // «جمهورية الكونغو» is mostly written «الكونغو»
    if (arName.startsWith('جمهورية ')) names.push(arName.slice('جمهورية '.length));
    const existing = byCode.get(code);
    const fresh = names.filter((n) => {
      const key = variantKey(n);
      return !skip.has(key) && !owners.has(key);
    });
    if (existing) {
      for (const n of fresh) {
        owners.set(variantKey(n), { id: existing.id, where });
        existing.variants.push(n);
      }
      addLibraryLatinNames(existing, code, owners, skip, where);
      continue;
    }
    if (fresh.length === 0) continue;
    let id = kebab(enName);
    if (ids.has(id)) id = `${id}-${code.toLowerCase()}`;
    ids.add(id);
    for (const n of fresh) owners.set(variantKey(n), { id, where });
    const def: EntityDef = {
      id,
      type: 'location',
      kind: 'country',
      name_ar: arName,
      name_en: enName,
      variants: fresh,
      variants_latin: [],
      country: code,
      context: [],
      where,
    };
    addLibraryLatinNames(def, code, owners, skip, where);
    defs.push(def);
  }
}

/** A country's English and French names (every form the library has: «Algeria», «Algérie», «UAE»), unless claimed. */
function addLibraryLatinNames(def: EntityDef, code: string, owners: Map<string, { id: string; where: string }>, skip: Set<string>, where: string): void {
  const names = [...(countries.getName(code, 'en', { select: 'all' }) ?? []), ...(countries.getName(code, 'fr', { select: 'all' }) ?? [])];
  for (const name of names) {
    // «Korea, Republic of», «Netherlands (Kingdom of the)»: catalogue forms, not written in news
    if (/[(),]/.test(name)) continue;
    const key = latinVariantKey(name);
    if (owners.has(key) || skip.has(key)) continue;
    owners.set(key, { id: def.id, where });
    def.variants_latin.push(name);
  }
}

function kebab(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\(.*?\)/g, '')
    .replace(/,.*$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
