// Explanations as Markdown: hovers (links run `dext.openLocation`) and the "Explain Error or Log
// Line" preview (links are `file://…#L<line>` URIs).
import { basename, dirname } from '../workspace/uri';
import type { ConfigLocation, Explanation } from './types';

export type LinkStyle = 'command' | 'file';

/** `Folder/File.entitlements:12`: enough of the path to tell apps and dexts apart. */
export function shortPath(location: ConfigLocation): string {
  const parent = basename(dirname(location.path));
  const name = basename(location.path);
  return `${parent && parent !== '.' && parent !== '/' ? `${parent}/` : ''}${name}:${location.line + 1}`;
}

function escapeLinkText(text: string): string {
  return text.replace(/[[\]\\]/g, (c) => `\\${c}`);
}

export function locationLink(location: ConfigLocation, style: LinkStyle): string {
  const label = escapeLinkText(`${shortPath(location)} — ${location.title}`);
  if (style === 'command') {
    const args = encodeURIComponent(JSON.stringify([location.uri, location.start, location.end]));
    return `[${label}](command:dext.openLocation?${args} "Open the configuration")`;
  }
  return location.uri.startsWith('file:') ? `[${label}](${location.uri}#L${location.line + 1})` : label;
}

/** The body of an explanation; `heading` is the first line (bold in hovers, a header in previews). */
export function explanationMarkdown(e: Explanation, locations: readonly ConfigLocation[], style: LinkStyle, heading: string): string {
  const parts = [heading, ...e.details];
  const captures = Object.entries(e.captures);
  if (captures.length) parts.push(captures.map(([k, v]) => `\`${k}\`: \`${v}\``).join(' · '));
  if (e.causes.length) parts.push(['**Likely causes**', ...e.causes.map((c) => `- ${c}`)].join('\n'));
  if (e.checks.length) parts.push(['**What to check**', ...e.checks.map((c) => `- ${c}`)].join('\n'));
  if (e.rules.length) parts.push(`**Checked by:** ${e.rules.map((r) => `\`${r}\``).join(', ')}`);
  if (locations.length) parts.push(['**Configuration at fault**', ...locations.map((l) => `- ${locationLink(l, style)}`)].join('\n'));
  parts.push(`*Source:* ${e.source}${e.verify ? ' · **verify**: not yet confirmed by a second source' : ''}`);
  return parts.join('\n\n');
}

export function hoverMarkdown(e: Explanation, locations: readonly ConfigLocation[]): string {
  return explanationMarkdown(e, locations, 'command', `**${e.title}**`);
}
