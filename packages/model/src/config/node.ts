/**
 * Reading YAML config with errors that say where: every value is reached through a ConfigNode,
 * which knows its file, line, column and key path, so a bad value is reported as
 * `data/config/topics.yaml:42:7 topics[3].cues[0].weight: expected a number, got "high"`.
 */
import { readFileSync } from 'node:fs';
import countries from 'i18n-iso-countries';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Alias, type Document, type Node as YamlNode } from 'yaml';
import { isIsoDate } from '../dates.ts';

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly keyPath: string,
    readonly problem: string,
  ) {
    super(`${file}${line > 0 ? `:${line}` : ''}${column > 0 ? `:${column}` : ''}${keyPath ? ` ${keyPath}` : ''}: ${problem}`);
    this.name = 'ConfigError';
  }

  /** A problem found after loading, at a definition's `file:line` (EntityDef.where); no column is known there. */
  static at(where: string, problem: string): ConfigError {
    const m = /^(.*):(\d+)$/.exec(where);
    return m ? new ConfigError(m[1] as string, Number(m[2]), 0, '', problem) : new ConfigError(where, 0, 0, '', problem);
  }
}

interface Origin {
  readonly file: string;
  readonly lines: LineCounter;
  readonly doc?: Document;
  /** Anchored nodes by anchor name, in document order; built on the first alias read. */
  anchors?: Map<string, YamlNode[]>;
}

/**
 * The node an alias stands for: the last node before it carrying its anchor (YAML lets an anchor be
 * redefined). yaml's own Alias.resolve walks the whole document for every alias, which made reading
 * topics.yaml, with its hundreds of `*cue` references, take most of a second.
 */
function resolveAlias(origin: Origin, alias: Alias): YamlNode | null {
  if (!origin.doc) return null;
  if (!origin.anchors) {
    const anchors = new Map<string, YamlNode[]>();
    visit(origin.doc, (_key, node) => {
      const anchor = (node as { anchor?: string }).anchor;
      if (anchor && !isAlias(node)) {
        const list = anchors.get(anchor);
        if (list) list.push(node as YamlNode);
        else anchors.set(anchor, [node as YamlNode]);
      }
    });
    origin.anchors = anchors;
  }
  const at = alias.range?.[0] ?? Infinity;
  let found: YamlNode | null = null;
  for (const node of origin.anchors.get(alias.source) ?? []) {
    if ((node.range?.[0] ?? 0) < at) found = node;
  }
  return found;
}

export class ConfigNode {
  readonly node: YamlNode | null;

  constructor(
    private readonly origin: Origin,
    node: YamlNode | null,
    readonly path: string,
    private readonly fallbackOffset = 0,
  ) {
    // a YAML alias (`*deal`) reads as the value of its anchor (`&deal`); errors point at the anchor
    this.node = node && isAlias(node) ? resolveAlias(origin, node) : node;
  }

  static parse(file: string, text: string): ConfigNode {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const origin: Origin = { file, lines, doc };
    const first = doc.errors[0];
    if (first) {
      const pos = lines.linePos(first.pos[0]);
      throw new ConfigError(file, pos.line, pos.col, '', first.message.split('\n')[0] ?? first.message);
    }
    return new ConfigNode(origin, (doc.contents as YamlNode | null) ?? null, '');
  }

  static load(file: string, displayName = file): ConfigNode {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new ConfigError(displayName, 1, 1, '', `cannot read config file: ${(err as Error).message}`);
    }
    return ConfigNode.parse(displayName, text);
  }

  get file(): string {
    return this.origin.file;
  }

  get line(): number {
    return this.position().line;
  }

  private position(): { line: number; col: number } {
    const offset = this.node?.range?.[0] ?? this.fallbackOffset;
    return this.origin.lines.linePos(offset);
  }

  fail(problem: string): never {
    const { line, col } = this.position();
    throw new ConfigError(this.origin.file, line, col, this.path, problem);
  }

  get isMissing(): boolean {
    return this.node === null || (isScalar(this.node) && this.node.value === null);
  }

  /** Fails with `is required: <what>` when the value is missing; `what` says what belongs there. */
  required(what: string): this {
    if (this.isMissing) this.fail(`is required: ${what}`);
    return this;
  }

  private describe(): string {
    if (this.node === null) return 'nothing';
    if (isMap(this.node)) return 'a mapping';
    if (isSeq(this.node)) return 'a list';
    if (isScalar(this.node)) return JSON.stringify(this.node.value);
    return 'an unknown node';
  }

  /** The child at `key` of a mapping; a missing key gives a missing node positioned at the mapping. */
  get(key: string): ConfigNode {
    if (!isMap(this.node)) this.fail(`expected a mapping, got ${this.describe()}`);
    const pair = this.node.items.find((p) => isScalar(p.key) && p.key.value === key);
    const childPath = this.path ? `${this.path}.${key}` : key;
    return new ConfigNode(this.origin, (pair?.value as YamlNode | null | undefined) ?? null, childPath, this.node.range?.[0] ?? 0);
  }

  keys(): string[] {
    if (!isMap(this.node)) this.fail(`expected a mapping, got ${this.describe()}`);
    return this.node.items.map((p) => (isScalar(p.key) ? String(p.key.value) : ''));
  }

  /** Rejects keys outside `allowed`, so that a typo ("varients") is an error, not a silent no-op. */
  only(allowed: readonly string[]): this {
    for (const key of this.keys()) {
      if (!allowed.includes(key)) {
        const pair = (this.node as { items: { key: YamlNode; value: YamlNode }[] }).items.find((p) => isScalar(p.key) && String(p.key.value) === key);
        const childPath = this.path ? `${this.path}.${key}` : key;
        new ConfigNode(this.origin, pair?.key ?? this.node, childPath).fail(`unknown key "${key}" (allowed: ${allowed.join(', ')})`);
      }
    }
    return this;
  }

  items(): ConfigNode[] {
    if (this.isMissing) return [];
    if (!isSeq(this.node)) this.fail(`expected a list, got ${this.describe()}`);
    return this.node.items.map((item, i) => new ConfigNode(this.origin, item as YamlNode, `${this.path}[${i}]`, this.node?.range?.[0] ?? 0));
  }

  /** Pairs of a mapping, as (key, value node). */
  entries(): [string, ConfigNode][] {
    if (this.isMissing) return [];
    return this.keys().map((k) => [k, this.get(k)]);
  }

  private scalar(): unknown {
    if (this.node === null) this.fail('is required');
    if (!isScalar(this.node)) this.fail(`expected a single value, got ${this.describe()}`);
    return this.node.value;
  }

  string(): string {
    const v = this.scalar();
    if (typeof v !== 'string' || v.trim() === '') this.fail(`expected a non-empty string, got ${this.describe()}`);
    return v.trim();
  }

  optString(): string | null {
    return this.isMissing ? null : this.string();
  }

  number(): number {
    const v = this.scalar();
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(`expected a number, got ${this.describe()}`);
    return v;
  }

  optNumber(fallback: number): number {
    return this.isMissing ? fallback : this.number();
  }

  boolean(fallback: boolean): boolean {
    if (this.isMissing) return fallback;
    const v = this.scalar();
    if (typeof v !== 'boolean') this.fail(`expected true or false, got ${this.describe()}`);
    return v;
  }

  oneOf<T extends string>(allowed: readonly T[]): T {
    const v = this.string();
    if (!(allowed as readonly string[]).includes(v)) this.fail(`expected one of ${allowed.join(', ')}, got "${v}"`);
    return v as T;
  }

  /** A list of strings; a single string is accepted as a list of one. */
  strings(): string[] {
    return this.stringItems().map(([text]) => text);
  }

  /** strings(), each with the node it came from, so that a check on one string can point at it. */
  stringItems(): [string, ConfigNode][] {
    if (this.isMissing) return [];
    const nodes = isScalar(this.node) ? [this] : this.items();
    return nodes.map((n) => [n.string(), n]);
  }

  /** An ISO date (yyyy-mm-dd), as written; YAML's own date parsing is not used, so no time zone creeps in. */
  date(): string {
    const node = this.node;
    const raw = isScalar(node) ? (node.source ?? String(node.value)) : this.scalar();
    const v = typeof raw === 'string' ? raw : raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw);
    if (!isIsoDate(v)) this.fail(`expected a date as yyyy-mm-dd, got ${this.describe()}`);
    return v;
  }

  /** An identifier: lower-case ASCII letters, digits, '-', '_' and ':' (ids end up in URLs and SQL). */
  id(): string {
    const v = this.string();
    if (!/^[a-z0-9][a-z0-9_:-]*$/.test(v)) this.fail(`expected an id of a-z, 0-9, '-', '_' or ':', got "${v}"`);
    return v;
  }

  /** An assigned ISO 3166-1 alpha-2 country code, upper case. */
  country(): string {
    const v = this.string();
    if (!isCountryCode(v)) this.fail(`expected an ISO 3166-1 alpha-2 country code like "MA", got "${v}"`);
    return v;
  }

  optCountry(): string | null {
    return this.isMissing ? null : this.country();
  }
}

/** True for an assigned ISO 3166-1 alpha-2 code, upper case (isValid alone also takes alpha-3, numeric codes and lower case). */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && countries.isValid(code);
}

/**
 * Reads ids with ConfigNode.id() and rejects one read before, pointing at the second:
 * `duplicate topic id "energy" (first defined at line 12)`.
 */
export function uniqueIds(what: string): (node: ConfigNode) => string {
  const lines = new Map<string, number>();
  return (node) => {
    const id = node.id();
    const first = lines.get(id);
    if (first !== undefined) node.fail(`duplicate ${what} id "${id}" (first defined at line ${first})`);
    lines.set(id, node.line);
    return id;
  };
}
