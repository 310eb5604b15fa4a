// The plist files XcodeGen writes from `info:` and `entitlements:`, as text: the properties (and,
// for Info.plist, the keys XcodeGen adds) serialized the way Foundation's XML writer does it —
// tab indentation, dictionary keys in code-unit order (CFStringCompare), empty containers as
// `<dict/>` and `<array/>`, `&`, `<`, `>` escaped — with a map from every rendered key and value
// back to the `project.yml` text that wrote it, so the plist rules' findings can point there.
import type { XcodeGenTarget } from './model';
import type { YamlMap, YamlSpan, YamlValue } from './yaml';

/** One rendered key or value: its span in the rendered text and where the spec wrote it. */
export interface RenderedNode {
  /** Keys and indexes from the root dict (`['IOKitPersonalities', 'Driver', 'IOClass']`). */
  path: (string | number)[];
  /** Span of the `<key>…</key>` element in the rendered text (dict entries only). */
  keyStart?: number;
  keyEnd?: number;
  /** Span of the value element in the rendered text. */
  start: number;
  end: number;
  /** Where the spec wrote the key; undefined for a key XcodeGen adds itself. */
  keySource?: YamlSpan;
  /** Where the spec wrote the value; undefined for a value XcodeGen adds itself. */
  source?: YamlSpan;
}

export interface RenderedPlist {
  /** The XML plist text XcodeGen writes. */
  text: string;
  /** Every key and value, in text order. */
  nodes: RenderedNode[];
}

/** A value XcodeGen adds to an Info.plist itself (a string). */
interface GeneratedString {
  kind: 'generated';
  value: string;
}

type RenderValue = YamlValue | GeneratedString;

/** Code-unit order, as CFStringCompare without options sorts the keys. */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A real as Foundation writes it: the shortest text that reads back, no trailing `.0`. */
function realText(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? '+infinity' : '-infinity';
  return String(n);
}

/** Keys XcodeGen's Info.plist generator adds for a target (properties given in the spec win). */
export function generatedInfoPlistKeys(productType: string): Record<string, string> {
  const short = productType.replace(/^com\.apple\.product-type\./, '');
  const keys: Record<string, string> = {
    CFBundleIdentifier: '$(PRODUCT_BUNDLE_IDENTIFIER)',
    CFBundleInfoDictionaryVersion: '6.0',
    CFBundleName: '$(PRODUCT_NAME)',
    CFBundleDevelopmentRegion: '$(DEVELOPMENT_LANGUAGE)',
    CFBundleShortVersionString: '1.0',
    CFBundleVersion: '1',
  };
  // Bundles must not name an executable; the package type follows the product type, and XcodeGen
  // sets none for the others (a dext's DEXT among them).
  if (short !== 'bundle') keys.CFBundleExecutable = '$(EXECUTABLE_NAME)';
  const packageTypes: Record<string, string> = {
    'bundle.ui-testing': 'BNDL',
    'bundle.unit-test': 'BNDL',
    application: 'APPL',
    'application.watchapp2': 'APPL',
    framework: 'FMWK',
    bundle: 'BNDL',
    'xpc-service': 'XPC!',
    'app-extension': 'XPC!',
  };
  if (packageTypes[short]) keys.CFBundlePackageType = packageTypes[short];
  return keys;
}

const HEADER =
  '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n';

class PlistWriter {
  private readonly parts: string[] = [];
  private length = 0;
  readonly nodes: RenderedNode[] = [];

  append(text: string): void {
    this.parts.push(text);
    this.length += text.length;
  }
  get offset(): number {
    return this.length;
  }
  text(): string {
    return this.parts.join('');
  }

  /** Writes `value` at `depth`; `node` is its entry in `nodes`, filled with the value's span. */
  value(value: RenderValue, depth: number, node: RenderedNode): void {
    const indent = '\t'.repeat(depth);
    this.append(indent);
    node.start = this.offset;
    if (value.kind === 'generated') this.append(`<string>${escapeXml(value.value)}</string>`);
    else if (value.kind === 'scalar') {
      if (value.type === 'bool') this.append(value.value ? '<true/>' : '<false/>');
      else if (value.type === 'int') this.append(`<integer>${value.value}</integer>`);
      else if (value.type === 'float') this.append(`<real>${realText(value.value as number)}</real>`);
      else if (value.type === 'timestamp') this.append(`<date>${escapeXml(isoDate(value.text))}</date>`);
      else this.append(`<string>${escapeXml(value.text)}</string>`);
    } else if (value.kind === 'seq') {
      if (!value.items.length) this.append('<array/>');
      else {
        this.append('<array>\n');
        value.items.forEach((item, index) => {
          const child: RenderedNode = { path: [...node.path, index], start: 0, end: 0, source: item.span };
          this.nodes.push(child);
          this.value(item, depth + 1, child);
          this.append('\n');
        });
        this.append(`${indent}</array>`);
      }
    } else this.dict(sortedEntries(value), depth, node);
    node.end = this.offset;
  }

  dict(entries: [string, RenderValue, YamlSpan | undefined][], depth: number, node: RenderedNode): void {
    const indent = '\t'.repeat(depth);
    if (!entries.length) {
      this.append('<dict/>');
      return;
    }
    this.append('<dict>\n');
    for (const [key, value, keySource] of entries) {
      this.append(`${indent}\t`);
      const keyStart = this.offset;
      this.append(`<key>${escapeXml(key)}</key>`);
      const child: RenderedNode = { path: [...node.path, key], keyStart, keyEnd: this.offset, start: 0, end: 0, keySource, source: value.kind === 'generated' ? undefined : value.span };
      this.nodes.push(child);
      this.append('\n');
      this.value(value, depth + 1, child);
      this.append('\n');
    }
    this.append(`${indent}</dict>`);
  }
}

function sortedEntries(map: YamlMap): [string, RenderValue, YamlSpan | undefined][] {
  return [...map.entries.values()].sort((a, b) => compareKeys(a.key, b.key)).map((e) => [e.key, e.value, e.keySpan]);
}

/** A YAML 1.1 timestamp as a plist date (UTC, whole seconds). Unparseable text is written as it is. */
function isoDate(text: string): string {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d\d):(\d\d)(?:\.\d*)?(?:[ \t]*(Z|([-+])(\d{1,2})(?::(\d\d))?))?)?$/.exec(text.trim());
  if (!m) return text;
  const [, y, mo, d, h = '0', mi = '0', s = '0', zone, sign, zh = '0', zm = '0'] = m;
  const offsetMinutes = zone && zone !== 'Z' ? (sign === '-' ? -1 : 1) * (Number(zh) * 60 + Number(zm)) : 0;
  const time = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - offsetMinutes * 60_000;
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function render(entries: [string, RenderValue, YamlSpan | undefined][]): RenderedPlist {
  const writer = new PlistWriter();
  writer.append(HEADER);
  const root: RenderedNode = { path: [], start: 0, end: 0 };
  writer.dict(entries.sort((a, b) => compareKeys(a[0], b[0])), 0, root);
  writer.append('\n</plist>\n');
  return { text: writer.text(), nodes: writer.nodes };
}

/** The plist XcodeGen writes from a map of properties (an `entitlements:` file). */
export function renderPlist(properties: YamlMap | undefined): RenderedPlist {
  return render(properties ? sortedEntries(properties) : []);
}

/** The Info.plist XcodeGen writes for a target with `info:`: its generated keys, then the properties over them. */
export function renderInfoPlist(target: XcodeGenTarget): RenderedPlist {
  const entries = new Map<string, [string, RenderValue, YamlSpan | undefined]>();
  for (const [key, value] of Object.entries(generatedInfoPlistKeys(target.productType))) entries.set(key, [key, { kind: 'generated', value }, undefined]);
  for (const e of target.info?.properties?.entries.values() ?? []) entries.set(e.key, [e.key, e.value, e.keySpan]);
  return render([...entries.values()]);
}

/** The entitlements file XcodeGen writes for a target with `entitlements:`. */
export function renderEntitlements(target: XcodeGenTarget): RenderedPlist {
  return renderPlist(target.entitlements?.properties);
}

/**
 * Where in the spec the rendered text at `offset` comes from: the innermost rendered key or value
 * containing it, its key's source on the `<key>` element and its value's source elsewhere. A key
 * XcodeGen generated has no source: the caller points at `info:` instead.
 */
export function specSpanAt(plist: RenderedPlist, offset: number): YamlSpan | undefined {
  let best: RenderedNode | undefined;
  let onKey = false;
  for (const node of plist.nodes) {
    const inKey = node.keyStart !== undefined && offset >= node.keyStart && offset < node.keyEnd!;
    const inValue = offset >= node.start && offset < node.end;
    if (!inKey && !inValue) continue;
    const start = inKey ? node.keyStart! : node.start;
    const bestStart = best ? (onKey ? best.keyStart! : best.start) : -1;
    if (start >= bestStart) {
      best = node;
      onKey = inKey;
    }
  }
  if (!best) return undefined;
  return onKey ? best.keySource ?? best.source : best.source ?? best.keySource;
}

/** The rendered node at a key path (`['com.apple.developer.driverkit']`), if the plist has it. */
export function renderedNodeAt(plist: RenderedPlist, path: (string | number)[]): RenderedNode | undefined {
  return plist.nodes.find((n) => n.path.length === path.length && n.path.every((p, i) => p === path[i]));
}
