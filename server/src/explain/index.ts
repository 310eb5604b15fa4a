// Explaining what the system said: IOReturn and OSSystemExtensionError codes and DriverKit log
// lines, connected to the configuration at fault. Used by the log features, the codes hover, the
// "DEXT: Explain Error or Log Line…" command (explainText) and `dextlint explain` (explainInput).
import type { Workspace } from '../workspace/workspace';
import { mentionsSystemExtensions } from './codes';
import { explanationMarkdown } from './markdown';
import { describeOtherNumber, explainSingleCode, recogniseSteps } from './recognise';
import { runToEnd, type Steps } from '../cancellation';
import { locateTargets } from './targets';
import type { ConfigLocation, Explanation } from './types';

export type { ConfigLocation, Explanation, Finding } from './types';

export interface Occurrence {
  start: number;
  end: number;
  /** 0-based. */
  line: number;
  /** The recognised text. */
  text: string;
  /** From the recognised text to the end of its line (what a reader needs around a short span). */
  rest: string;
}

/** One explanation and every place the input repeats it (a crash loop logs the same line often). */
export interface ExplainedGroup {
  explanation: Explanation;
  occurrences: Occurrence[];
  locations: ConfigLocation[];
}

export interface ExplainedInput {
  groups: ExplainedGroup[];
  /** When nothing was recognised: what can still be said (a number's mach/error.h parts). */
  note?: string;
}

function groupKey(e: Explanation): string {
  const captures = Object.keys(e.captures)
    .sort()
    .map((k) => `${k}=${e.captures[k]}`)
    .join('\0');
  return `${e.kind}\0${e.id}\0${captures}`;
}

/** Findings grouped per step (a crash loop has one per line). */
const FINDINGS_PER_STEP = 1000;

/** Everything recognised in `text` (a code, a line, a whole log), grouped, with locations. */
export function explainInput(text: string, workspace?: Workspace): ExplainedInput {
  return runToEnd(explainInputSteps(text, workspace));
}

/** `explainInput` in steps (a pasted log can be tens of megabytes). */
export function* explainInputSteps(text: string, workspace?: Workspace): Steps<ExplainedInput> {
  const findings = yield* recogniseSteps(text, { logPatterns: true, bareCaseNames: mentionsSystemExtensions(text) });
  const groups = new Map<string, ExplainedGroup>();
  for (const [index, f] of findings.entries()) {
    if (index % FINDINGS_PER_STEP === FINDINGS_PER_STEP - 1) yield;
    const key = groupKey(f);
    let group = groups.get(key);
    if (!group) {
      const { start: _s, end: _e, line: _l, ...explanation } = f;
      group = { explanation, occurrences: [], locations: [] };
      groups.set(key, group);
    }
    const lineEnd = text.indexOf('\n', f.end);
    const rest = text.slice(f.start, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '');
    group.occurrences.push({ start: f.start, end: f.end, line: f.line, text: text.slice(f.start, f.end), rest });
  }
  if (!groups.size) {
    const single = explainSingleCode(text);
    if (!single) return { groups: [], note: describeOtherNumber(text) };
    const trimmed = text.trim();
    const start = text.indexOf(trimmed);
    groups.set('single', { explanation: single, occurrences: [{ start, end: start + trimmed.length, line: 0, text: trimmed, rest: trimmed }], locations: [] });
  }
  const list = [...groups.values()];
  if (workspace) for (const g of list) g.locations = locateTargets(workspace, g.explanation.targets);
  return { groups: list };
}

const NOTHING =
  'Nothing recognised. Paste an IOReturn code (`0xE00002E2`, `-536870201`, `kIOReturnNotPermitted`, `(iokit/common) not permitted`), an `OSSystemExtensionErrorDomain` error, an Xcode signing error or DriverKit log lines (`DK: …`, crash reports, `systemextensionsctl list`).';

function linesLabel(occurrences: Occurrence[]): string {
  const lines = [...new Set(occurrences.map((o) => o.line + 1))];
  const shown = lines.slice(0, 8).join(', ');
  const more = lines.length > 8 ? ` and ${lines.length - 8} more` : '';
  return `${lines.length === 1 ? 'Line' : 'Lines'} ${shown}${more}`;
}

/**
 * Markdown for the editor's explanation preview: each recognised code and line explained, with
 * `file://…#L<line>` links to the configuration at fault in the workspace.
 */
export function explainText(text: string, workspace?: Workspace): string {
  return runToEnd(explainTextSteps(text, workspace));
}

/** `explainText` in steps. */
export function* explainTextSteps(text: string, workspace?: Workspace): Steps<string> {
  const { groups, note } = yield* explainInputSteps(text, workspace);
  if (!groups.length) return [`# Explanation`, note, NOTHING].filter(Boolean).join('\n\n');
  const multiline = /\n./.test(text.trim());
  const sections = groups.map((g) => {
    const where = multiline ? `*${linesLabel(g.occurrences)}:* \`${g.occurrences[0]!.rest.replace(/`/g, "'").slice(0, 160)}\`` : undefined;
    const body = explanationMarkdown(g.explanation, g.locations, 'file', `## ${g.explanation.title}`);
    return where ? body.replace(/\n\n/, `\n\n${where}\n\n`) : body;
  });
  const count = groups.length === 1 ? '1 thing' : `${groups.length} things`;
  return [`# Explanation`, `Recognised ${count}.`, ...sections].join('\n\n');
}
