// "Will it match?": every personality of the workspace's dext Info.plists against the loaded
// registry dumps, and the three ways to show the answer (the CLI's JSON contract, a markdown
// report, plain text). The rules `personality-matches` / `personality-no-match` and hover read the
// same verdicts, cached per Info.plist version and dump.
import { runToEnd, type Steps } from '../cancellation';
import type { WorkspaceFile } from '../workspace/files';
import type { Workspace } from '../workspace/workspace';
import type { RegistryDump } from './dump';
import { competitionNote, matchPersonality, type PersonalityVerdict } from './match';
import { matchPersonalitiesOf, type FilePersonality } from './personalities';
import { activeDumps, type LoadedDump } from './session';
import { entryLabel, jsonValue } from './values';

export { readRegistryDump, dumpFormatOf, type RegistryDump, type RegistryEntry } from './dump';
export { activeDumps, setActiveDumps, type LoadedDump } from './session';
export type { PersonalityVerdict } from './match';

export interface FileVerdict {
  file: WorkspaceFile;
  personality: FilePersonality;
  verdict: PersonalityVerdict;
  /** What the driver already attached to the entry means, when there is one. */
  competition?: string;
}

/** One slot per dump and file, valid for one workspace generation (a resolved variable may change). */
const cache = new WeakMap<RegistryDump, WeakMap<WorkspaceFile, { generation: number; verdicts: FileVerdict[] }>>();

/** The verdicts of one Info.plist against one dump (cached until the workspace or the dump changes). */
export function verdictsOf(workspace: Workspace, file: WorkspaceFile, dump: RegistryDump): FileVerdict[] {
  let byFile = cache.get(dump);
  if (!byFile) cache.set(dump, (byFile = new WeakMap()));
  const hit = byFile.get(file);
  if (hit && hit.generation === workspace.generation) return hit.verdicts;
  const verdicts = matchPersonalitiesOf(workspace, file).map((personality) => {
    const verdict = matchPersonality(personality, dump);
    return { file, personality, verdict, competition: competitionNote(verdict, personality) };
  });
  byFile.set(file, { generation: workspace.generation, verdicts });
  return verdicts;
}

/** Every dext Info.plist of the workspace against a dump. */
export function verdictsOfWorkspace(workspace: Workspace, dump: RegistryDump): FileVerdict[] {
  return runToEnd(verdictsOfWorkspaceSteps(workspace, dump));
}

/** `verdictsOfWorkspace` one Info.plist per step (a thousand personalities against a whole Mac's registry take a second). */
export function* verdictsOfWorkspaceSteps(workspace: Workspace, dump: RegistryDump): Steps<FileVerdict[]> {
  const out: FileVerdict[] = [];
  for (const file of workspace.filesOfKind('dext-info-plist')) {
    out.push(...verdictsOf(workspace, file, dump));
    yield;
  }
  return out;
}

/** Verdicts against every active dump, grouped by dump. */
export function activeVerdicts(workspace: Workspace, file: WorkspaceFile): { dump: LoadedDump; verdicts: FileVerdict[] }[] {
  return activeDumps(workspace).map((dump) => ({ dump, verdicts: verdictsOf(workspace, file, dump.dump) }));
}

// ---------------------------------------------------------------------------------------------
// Output

/** The CLI's JSON contract (README "Matching"): version 1. Undetermined personalities are left out. */
export function matchJson(dumpPath: string, verdicts: FileVerdict[], pathOf: (f: WorkspaceFile) => string): unknown {
  return {
    version: 1,
    dump: dumpPath,
    results: verdicts
      .filter((v) => v.verdict.status !== 'undetermined')
      .map(({ file, verdict }) => ({
        file: pathOf(file),
        personality: verdict.personality,
        matched: verdict.status === 'matched',
        matches: verdict.matches.map((m) => ({ entry: m.entry.path, class: m.entry.className, row: m.row ?? [], score: m.score })),
        closest: verdict.closest
          ? {
              entry: verdict.closest.entry.path,
              class: verdict.closest.entry.className,
              differences: verdict.closest.differences.map((d) => ({ key: d.key, expected: jsonValue(d.expected), actual: jsonValue(d.actual) })),
            }
          : null,
        claimedBy: verdict.claimedBy.map((c) => ({ entry: c.entry.path, class: c.className })),
      })),
  };
}

/** One sentence per personality: what it matches, or the closest entry and what differs. */
export function verdictSentence(v: FileVerdict): string {
  const { verdict } = v;
  if (verdict.status === 'matched') {
    const m = verdict.matches[0]!;
    const more = verdict.matches.length > 1 ? ` (and ${verdict.matches.length - 1} more entr${verdict.matches.length > 2 ? 'ies' : 'y'})` : '';
    const row = m.row ? `, row ${m.row.join(' + ')}` : '';
    return `matches ${entryLabel(m.entry)}${more}${row}, probe score ${m.score}.${v.competition ? ` ${v.competition}` : ''}`;
  }
  if (verdict.status === 'undetermined') {
    const unknown = verdict.closest?.unknown ?? [];
    const why = unknown.length ? unknown.map((u) => u.reason).join('; ') : verdict.notes.join('; ');
    const where = verdict.closest ? ` against ${entryLabel(verdict.closest.entry)}` : '';
    return `cannot be decided${where}: ${why}.`;
  }
  if (!verdict.closest) return `matches nothing: ${verdict.notes[0] ?? 'no candidate entry'}.`;
  const differences = verdict.closest.differences.map((d) => d.message).join('; ');
  return `matches nothing in the dump. Closest: ${entryLabel(verdict.closest.entry)}: ${differences}.${v.competition ? ` ${v.competition}` : ''}`;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The `dext-match:` report: one markdown table per dump. */
export function matchMarkdown(groups: { source: string; dump: RegistryDump; verdicts: FileVerdict[] }[], pathOf: (f: WorkspaceFile) => string): string {
  const out: string[] = ['# Personality matching', ''];
  if (!groups.length) out.push('No registry dump is loaded. Run **DEXT: Check Matching Against a Registry Dump…** or set `dext.matching.dumps`.');
  for (const g of groups) {
    out.push(`## ${g.source}`, '', `${g.dump.format === 'ioreg' ? '`ioreg -a` dump' : '`system_profiler` dump'}, ${g.dump.entries.length} entries.`, '');
    for (const note of g.dump.limitations) out.push(`> ${note}`, '');
    if (!g.verdicts.length) {
      out.push('No DriverKit personality in the workspace.', '');
      continue;
    }
    out.push('| personality | device | matched | row | score | differences |', '| --- | --- | --- | --- | --- | --- |');
    for (const v of g.verdicts) {
      const { verdict } = v;
      const focus = verdict.matches[0] ?? verdict.closest;
      const device = focus ? `${entryLabel(focus.entry)}` : '—';
      const matched = verdict.status === 'matched' ? `yes${verdict.matches.length > 1 ? ` (${verdict.matches.length})` : ''}` : verdict.status === 'no-match' ? 'no' : 'undecided';
      const differences = verdict.status === 'matched'
        ? (v.competition ?? '')
        : verdict.status === 'undetermined'
          ? (focus?.unknown.map((u) => `${u.key}: ${u.reason}`).join('; ') ?? verdict.notes.join('; '))
          : focus ? focus.differences.map((d) => d.message).join('; ') : verdict.notes.join('; ');
      out.push(`| ${cell(`${verdict.personality} (${pathOf(v.file)})`)} | ${cell(device)} | ${matched} | ${cell(focus?.row?.join(' + ') ?? '')} | ${focus ? focus.score : ''} | ${cell(differences)} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

/** The CLI's text output. */
export function matchText(source: string, dump: RegistryDump, verdicts: FileVerdict[], pathOf: (f: WorkspaceFile) => string): string {
  const lines = [`${source}: ${dump.format} dump, ${dump.entries.length} entries`];
  for (const note of dump.limitations) lines.push(`  note: ${note}`);
  for (const v of verdicts) lines.push(`${pathOf(v.file)}: personality '${v.verdict.personality}' ${verdictSentence(v)}`);
  if (!verdicts.length) lines.push('no DriverKit personality found');
  return lines.join('\n');
}
