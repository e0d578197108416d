/**
 * outlets.yaml: the news outlets Mirsad knows, how to recognise them (record fields, bylines,
 * domains), and the wire services whose credits must never be taken for the outlet.
 */
import path from 'node:path';
import { compactKey } from '../arabic/keys.ts';
import { ConfigNode, uniqueIds } from './node.ts';

export interface OutletDef {
  id: string;
  name_ar: string;
  name_en: string;
  /** Registrable host without "www." (e.g. "aljazeera.net"); sub-domains match too. */
  domain: string | null;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string | null;
  /** Names as they appear in record fields or og:site_name, any script. */
  aliases: string[];
  /** Names as the outlet credits itself in article text: bylines, page headers, «المصدر: … + وكالات» sign-offs. */
  signatures: string[];
}

/** An agency (or a site's credit of one) that supplies text but is not the outlet publishing it. */
export interface WireDef {
  id: string;
  names: string[];
}

export interface OutletsConfig {
  /** Display path of the file read, for messages. */
  file: string;
  outlets: OutletDef[];
  wire_services: WireDef[];
}

export const OUTLETS_FILE = 'outlets.yaml';

export function loadOutlets(configDir: string): OutletsConfig {
  const file = path.join(configDir, OUTLETS_FILE);
  return readOutlets(ConfigNode.load(file));
}

/** Same as loadOutlets, from text already in memory (tests, tools). */
export function parseOutlets(file: string, text: string): OutletsConfig {
  return readOutlets(ConfigNode.parse(file, text));
}

const OUTLET_KEYS = ['id', 'name_ar', 'name_en', 'domain', 'country', 'aliases', 'signatures'] as const;
const WIRE_KEYS = ['id', 'names'] as const;

function readOutlets(root: ConfigNode): OutletsConfig {
  root.only(['outlets', 'wire_services']);
  const outletId = uniqueIds('outlet');
  const wireId = uniqueIds('wire service');

  // An alias that names two outlets would make the record hint ambiguous.
  const aliasOwner = new Map<string, { id: string; line: number }>();
  const domainOwner = new Map<string, string>();
  const outlets = root
    .get('outlets')
    .required('a list of outlets')
    .items()
    .map((n): OutletDef => {
      n.only(OUTLET_KEYS);
      const id = outletId(n.get('id'));
      const def: OutletDef = {
        id,
        name_ar: n.get('name_ar').string(),
        name_en: n.get('name_en').string(),
        domain: readDomain(n.get('domain')),
        country: n.get('country').optCountry(),
        aliases: n.get('aliases').strings(),
        signatures: n.get('signatures').strings(),
      };
      const named: [string, ConfigNode][] = [
        [def.name_ar, n.get('name_ar')],
        [def.name_en, n.get('name_en')],
        ...n.get('aliases').stringItems(),
        ...n.get('signatures').stringItems(),
      ];
      for (const [name, where] of named) {
        const key = aliasKey(name);
        if (key === '') where.fail(`"${name}" has no letters or digits to match on`);
        const owner = aliasOwner.get(key);
        if (owner && owner.id !== id) where.fail(`"${name}" already names outlet "${owner.id}" (line ${owner.line})`);
        aliasOwner.set(key, { id, line: where.line });
      }
      if (def.domain !== null) {
        const owner = domainOwner.get(def.domain);
        if (owner) n.get('domain').fail(`domain "${def.domain}" already belongs to outlet "${owner}"`);
        domainOwner.set(def.domain, id);
      }
      return def;
    });

  const wire_services = root
    .get('wire_services')
    .items()
    .map((n): WireDef => {
      n.only(WIRE_KEYS);
      const id = wireId(n.get('id'));
      const names = n.get('names').strings();
      if (names.length === 0) n.get('names').fail('is required: the credits this wire service appears under');
      return { id, names };
    });

  return { file: root.file, outlets, wire_services };
}

function readDomain(n: ConfigNode): string | null {
  const v = n.optString();
  if (v === null) return null;
  const d = v.toLowerCase().replace(/^www\./, '');
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d)) n.fail(`expected a host name like "aljazeera.net" (no scheme, no path), got "${v}"`);
  return d;
}

/**
 * The key an outlet name is matched on: the one matching fold (@mirsad/model/arabic), letters and
 * digits only, so "AlArabiya", "Al Arabiya" and "al-arabiya" agree.
 */
export const aliasKey = compactKey;
