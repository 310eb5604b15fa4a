// VS Code snippets as the editor would insert them with every placeholder left at its default:
// the text the snippet and e2e tests compare and validate.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './workspace';

/** driverkit.md §5, exactly (4-space indentation): what `dext-usb-dev` / `dext-pci-dev` insert. */
export const DEVELOPMENT_CONFIGURATION_TEXT = {
  usb: [
    '<key>com.apple.developer.driverkit.transport.usb</key>',
    '<array>',
    '    <dict>',
    '        <key>idVendor</key>',
    '        <string>*</string>',
    '    </dict>',
    '</array>',
  ].join('\n'),
  pci: [
    '<key>com.apple.developer.driverkit.transport.pci</key>',
    '<array>',
    '    <dict>',
    '        <key>IOPCIPrimaryMatch</key>',
    '        <string>0xFFFFFFFF&amp;0x00000000</string>',
    '    </dict>',
    '</array>',
  ].join('\n'),
} as const;

export interface Snippet {
  name: string;
  /** The `.code-snippets` file it comes from. */
  file: string;
  prefix: string;
  description: string;
  body: string;
}

export const snippetsDir = join(repoRoot, 'snippets');

/** Every snippet the extension ships, from every file in `snippets/`. */
export function loadSnippets(): Snippet[] {
  const out: Snippet[] = [];
  for (const file of readdirSync(snippetsDir).filter((f) => f.endsWith('.code-snippets')).sort()) {
    const parsed = JSON.parse(readFileSync(join(snippetsDir, file), 'utf8')) as Record<
      string,
      { prefix: string | string[]; description?: string; body: string | string[] }
    >;
    for (const [name, s] of Object.entries(parsed)) {
      const prefixes = Array.isArray(s.prefix) ? s.prefix : [s.prefix];
      const body = Array.isArray(s.body) ? s.body.join('\n') : s.body;
      for (const prefix of prefixes) out.push({ name, file, prefix, description: s.description ?? '', body });
    }
  }
  return out;
}

type Node = { kind: 'text'; text: string } | { kind: 'tabstop'; index: number; children?: Node[]; choice?: string } | { kind: 'variable'; name: string; children?: Node[] };

/**
 * Parses the snippet syntax VS Code accepts: `$1`, `${1}`, `${1:default}` (nested),
 * `${1|a,b|}`, `$NAME`, `${NAME}`, `${NAME:default}`, and `\$`, `\}`, `\\` escapes. Transforms
 * are rejected: nothing ships them and a half-supported one would make the tests lie.
 */
function parse(body: string): Node[] {
  let i = 0;
  const parseUntil = (closing: boolean): Node[] => {
    const nodes: Node[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', text });
      text = '';
    };
    while (i < body.length) {
      const c = body[i];
      if (c === '\\' && i + 1 < body.length && '$}\\'.includes(body[i + 1])) {
        text += body[i + 1];
        i += 2;
      } else if (closing && c === '}') {
        i++;
        flush();
        return nodes;
      } else if (c === '$') {
        flush();
        nodes.push(parseDollar());
      } else {
        text += c;
        i++;
      }
    }
    if (closing) throw new Error(`unterminated \${ in snippet: ${body}`);
    flush();
    return nodes;
  };
  const parseDollar = (): Node => {
    i++; // $
    const simple = /^(\d+|[A-Z_][A-Z_0-9]*)/.exec(body.slice(i));
    if (simple) {
      i += simple[0].length;
      return /^\d/.test(simple[0]) ? { kind: 'tabstop', index: Number(simple[0]) } : { kind: 'variable', name: simple[0] };
    }
    if (body[i] !== '{') return { kind: 'text', text: '$' };
    i++;
    const head = /^(\d+|[A-Z_][A-Z_0-9]*)/.exec(body.slice(i));
    if (!head) throw new Error(`bad \${ at ${i} in snippet: ${body}`);
    i += head[0].length;
    const isTabstop = /^\d/.test(head[0]);
    const next = body[i];
    if (next === '}') {
      i++;
      return isTabstop ? { kind: 'tabstop', index: Number(head[0]) } : { kind: 'variable', name: head[0] };
    }
    if (next === ':') {
      i++;
      const children = parseUntil(true);
      return isTabstop ? { kind: 'tabstop', index: Number(head[0]), children } : { kind: 'variable', name: head[0], children };
    }
    if (next === '|' && isTabstop) {
      const end = body.indexOf('|}', i + 1);
      if (end < 0) throw new Error(`unterminated choice in snippet: ${body}`);
      const choice = body.slice(i + 1, end).split(',')[0];
      i = end + 2;
      return { kind: 'tabstop', index: Number(head[0]), choice };
    }
    throw new Error(`unsupported snippet syntax (transform?) at ${i}: ${body}`);
  };
  return parseUntil(false);
}

/** The text a snippet inserts when every placeholder keeps its default; variables from `variables`. */
export function expandSnippet(body: string, variables: Record<string, string> = {}): string {
  const nodes = parse(body);
  // A tabstop mentioned several times takes the default of the occurrence that has one.
  const defaults = new Map<number, Node[] | string>();
  const collect = (list: Node[]) => {
    for (const n of list) {
      if (n.kind === 'tabstop' && !defaults.has(n.index)) {
        if (n.children) defaults.set(n.index, n.children);
        else if (n.choice !== undefined) defaults.set(n.index, n.choice);
      }
      if (n.kind !== 'text' && n.children) collect(n.children);
    }
  };
  collect(nodes);
  const render = (list: Node[], depth: number): string => {
    if (depth > 20) throw new Error('snippet placeholders refer to each other in a cycle');
    return list
      .map((n) => {
        if (n.kind === 'text') return n.text;
        if (n.kind === 'variable') {
          if (n.name in variables) return variables[n.name];
          if (n.children) return render(n.children, depth + 1);
          throw new Error(`snippet variable ${n.name} has no value in this test`);
        }
        const d = defaults.get(n.index);
        return d === undefined ? '' : typeof d === 'string' ? d : render(d, depth + 1);
      })
      .join('');
  };
  return render(nodes, 0);
}

/**
 * What VS Code inserts at a line indented with `indent`: the snippet's tabs become the file's
 * indentation unit and every line after the first gets the insertion line's indentation.
 */
export function insertedText(expanded: string, indent: string, unit = '\t'): string {
  return expanded
    .split('\n')
    .map((line, i) => {
      const leading = /^\t*/.exec(line)![0].length;
      const converted = unit.repeat(leading) + line.slice(leading);
      return i === 0 ? converted : indent + converted; // VS Code indents empty lines too
    })
    .join('\n');
}
