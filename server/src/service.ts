// getLanguageService(): the one door of the core. Pure functions over a workspace the service
// owns; the LSP adapter and the CLI call these and nothing else (the architecture test keeps it so),
// so they never diverge. Reading files from disk happens here too, through the workspace scan.
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { DextSettings, ShowProfileResult, Transport } from '../../protocol/protocol';
import { emptyConfig, mergeConfigs, normalizeConfig, parseConfig, type DextConfig } from './config';
import { runInSlices, runToEnd, untilSettled, type Cancellation, type Steps } from './cancellation';
import { explainInput, explainText, explainTextSteps, type ExplainedInput } from './explain';
import { commonCodeActions } from './features/common';
import { contributions } from './features/contributions';
import type {
  CodeAction,
  CompletionItem,
  DocumentSymbol,
  FeatureContext,
  FeatureContribution,
  FoldingRange,
  HoverResult,
  Location,
} from './features/types';
import { describeProfile } from './profiles';
import { loadProfilesFrom } from './profiles/sources';
import { defaultProfileFolders } from './profiles/paths';
import { allRules, getRule, ruleIds } from './rules';
import { ruleDocsUri, ruleMarkdown } from './rules/docs';
import { validateFile } from './rules/engine/validation';
import { warmUp } from './rules/engine/warm-up';
import type { Rule } from './rules/types';
import type { DextDiagnostic, Position, Range, Severity } from './types';
import { kindFromName, type WorkspaceFile } from './workspace/files';
import { ANYWHERE, describeRefusal, readRegularFile, resolvedPath } from './workspace/read';
import { isServedPath, MAX_FILE_BYTES, readServedFile, servedContent, walkSteps, type Skipped } from './workspace/scan';
import { dirname, isInside, pathToUri, uriToPath } from './workspace/uri';
import { parseSharedInputs, Workspace } from './workspace/workspace';
import { isAbsolute, join } from 'node:path';
import { activeDumps, matchJson, matchMarkdown, matchText, readRegistryDump, setActiveDumps, verdictsOfWorkspace, verdictsOfWorkspaceSteps, type LoadedDump } from './matching';

export { parseConfig, type DextConfig } from './config';
export { pathToUri, uriToPath } from './workspace/uri';
export { packageRoot } from './rules/docs';
export type { ExplainedGroup, ExplainedInput } from './explain';
export type { LoadedDump } from './matching';
export type { Skipped } from './workspace/scan';
export type { CompletionKind, SymbolKind as ServiceSymbolKind } from './features/types';

export interface ServiceOptions {
  onRuleError?: (ruleId: string, uri: string, error: unknown) => void;
  /** A config that replaces `.dextlintrc.json` discovery (the CLI's `--config`). */
  configOverride?: DextConfig;
  /** At most this many diagnostics per file (the editor's limit, see `too-many-problems`). */
  maxDiagnosticsPerFile?: number;
  /** Rules to run instead of the registry's (tests: a rule that throws, through the real adapter). */
  rules?: readonly Rule[];
  /** Bytes the workspace scan reads in all (default SCAN_BUDGET_BYTES); files past it are reported, not read. */
  scanBudgetBytes?: number;
  /**
   * Largest closed file read from disk (default MAX_FILE_BYTES). The editor's server lowers it: a
   * 30 MB plist takes seconds to check, and a closed file nobody looks at is not worth a deaf
   * server; it is checked when opened.
   */
  closedFileMaxBytes?: number;
  /**
   * The editor's server: logs are read when opened (not at scan, nor when they change on disk),
   * and C/C++ files no dext owns (vendored headers) are checked when opened, not while closed.
   * Nothing reads them but their own checks, and a workspace can hold tens of megabytes of crash
   * logs or thousands of headers. The CLI checks everything it is given.
   */
  lazyClosedFiles?: boolean;
}

/**
 * What a scan reads in all. Each byte of a plist costs about five in memory once parsed (a 30 MB
 * Info.plist peaks at 160 MB): 30 such files took the server to a heap out-of-memory; 128 MB
 * of sources is far beyond any DriverKit project and keeps the server well under 1 GB.
 */
export const SCAN_BUDGET_BYTES = 128 * 1024 * 1024;

/**
 * Keystrokes of the warm-up (`warmUp`): enough for the keystroke path's functions to be compiled
 * and optimised (measured: 200 take ~60 ms on a quiet machine; bench/README.md).
 */
const WARM_UP_KEYSTROKES = 200;

export interface LspLocation {
  uri: string;
  range: Range;
}

export interface LspCodeAction extends Omit<CodeAction, 'edits'> {
  edits?: Record<string, { range: Range; newText: string }[]>;
}


/** A fix's edits by document (most stay in the diagnostic's own document). */
function groupByDocument(uri: string, edits: { range: Range; newText: string; uri?: string }[]): Record<string, { range: Range; newText: string }[]> {
  const out: Record<string, { range: Range; newText: string }[]> = {};
  for (const { uri: target, ...edit } of edits) (out[target ?? uri] ??= []).push(edit);
  return out;
}

/** What one rule is, for the rule picker, `--explain` and SARIF. */
export interface RuleInfo {
  id: string;
  summary: string;
  what: string;
  fix: string;
  defaultSeverity: Severity;
  fixable: boolean;
  verify: boolean;
  /** The rule's page, as Markdown. */
  markdown: string;
  /** Link to the rule's page, shipped with the package. */
  docsUri: string;
}

export type ServiceSymbol = Omit<DocumentSymbol, 'start' | 'end' | 'selectionStart' | 'selectionEnd' | 'children'> & {
  range: Range;
  selectionRange: Range;
  children?: ServiceSymbol[];
};

export type ServiceCompletion = Omit<CompletionItem, 'replace'> & { range?: Range };

export interface ServiceFoldingRange {
  startLine: number;
  endLine: number;
  kind?: FoldingRange['kind'];
}

export type FileChange = 'created' | 'changed' | 'deleted';

export interface MatchResults {
  /** The JSON contract of `dextlint match --format json`. */
  json: unknown;
  /** The terminal report. */
  text: string;
  /** Files that hold personalities, as uris. */
  files: string[];
  /** A personality matches nothing in the dump. */
  anyNoMatch: boolean;
  /** `path: personality` of those that cannot be decided (unresolved variables). */
  undetermined: string[];
}

/**
 * The core's one public API. Documents the editor has open are the service's to track: their text
 * wins over the disk until they close.
 */
export interface LanguageService {
  /** The workspace the service owns (tests inspect it; the adapters never do). */
  readonly workspace: Workspace;

  // Files and documents.
  /** Reads every served file below the folders (open documents keep their text); returns the uris read. */
  scanFolders(folders: readonly string[]): string[];
  /**
   * The same scan in slices, with a turn of the event loop every few milliseconds (requests are
   * answered meanwhile), after the warm-up of the keystroke path; rejects with CancelledError when `cancel` asks.
   */
  scanFoldersYielding(folders: readonly string[], cancel?: Cancellation): Promise<string[]>;
  /**
   * Resolves when requests that read the whole workspace can be answered right: the scan in
   * progress has ended and the model is built (its parses done in slices). Rejects with
   * CancelledError when `cancel` asks meanwhile.
   */
  whenReady(cancel?: Cancellation): Promise<void>;
  /** Adds the configured profiles (`profiles` of the config, relative to the first folder) and Xcode's. */
  loadConfiguredProfiles(folders: readonly string[]): void;
  openDocument(uri: string, text: string, version: number, languageId?: string): void;
  /** Applies an editor change; false for a document that is not open or an old version. */
  changeDocument(uri: string, changes: readonly TextDocumentContentChangeEvent[], version: number): boolean;
  /** The document goes back to what is on disk; returns whether the file is still known. */
  closeDocument(uri: string): boolean;
  /** A file changed on disk; returns the uris whose diagnostics may have changed (the file itself included unless deleted). */
  fileChanged(uri: string, change: FileChange): string[];
  /** Files and folders not read since the last call, and why (each reported once, then forgotten). */
  takeSkipped(): Skipped[];
  isOpen(uri: string): boolean;
  /** The version the editor last sent for an open document; undefined when it is not open. */
  openVersion(uri: string): number | undefined;
  hasFile(uri: string): boolean;
  /** Whether the file's diagnostics are computed while it is closed (see `lazyClosedFiles`). */
  isCheckedWhenClosed(uri: string): boolean;
  fileUris(): string[];
  textOf(uri: string): string | undefined;
  /** Files whose diagnostics may change when this one does. */
  dependentsOf(uri: string): string[];

  // Settings.
  setSettings(settings: DextSettings): void;
  getSettings(): DextSettings;
  configFor(uri: string): DextConfig;

  // Language features.
  doValidation(uri: string): DextDiagnostic[];
  doHover(uri: string, position: Position): { contents: string; range: Range } | undefined;
  doComplete(uri: string, position: Position): ServiceCompletion[];
  doCodeActions(uri: string, range: Range): LspCodeAction[];
  findDefinition(uri: string, position: Position): LspLocation[];
  findReferences(uri: string, position: Position): LspLocation[];
  findDocumentSymbols(uri: string): ServiceSymbol[];
  getFoldingRanges(uri: string): ServiceFoldingRange[];

  // Commands.
  addDevelopmentConfiguration(uri: string, transport: Transport): { edits?: Record<string, { range: Range; newText: string }[]>; message?: string };
  /**
   * Runs the keystroke path on a scratch project (rules/engine/warm-up.ts), yielding to the event loop,
   * so that the first keystrokes after the scan are as fast as later ones; stops early when
   * `shouldStop` says so. The workspace is not touched.
   */
  warmUp(shouldStop?: () => boolean): Promise<void>;
  /** Applies every safe fix until stable (`dextlint --fix`); the new text, or undefined when nothing applied. */
  applySafeFixes(uri: string): { text: string; applied: number } | undefined;
  describeProfile(uri: string): ShowProfileResult;
  /** Markdown explaining codes and log lines, linked to the configuration at fault. */
  explainText(text: string): string;
  /** The same in slices (a pasted log can be tens of megabytes); rejects with CancelledError when `cancel` asks. */
  explainTextYielding(text: string, cancel?: Cancellation): Promise<string>;
  explainInput(text: string): ExplainedInput;

  // Matching against I/O Registry dumps.
  /** Reads a dump (`ioreg -a`, `system_profiler -xml`; XML or binary) given as text or bytes. */
  readRegistryDump(source: string, input: Uint8Array | string): { ok: true; dump: LoadedDump } | { ok: false; error: string };
  /** The same, read from disk. */
  readRegistryDumpFile(uri: string): { ok: true; dump: LoadedDump } | { ok: false; error: string };
  /** Replaces the dumps the personalities are matched against; returns the uris whose diagnostics depend on them (the dext Info.plists). */
  setMatchingDumps(dumps: LoadedDump[]): string[];
  matchingDumps(): readonly LoadedDump[];
  /** The `dext-match:` report: every personality against every loaded dump, as Markdown. */
  matchingReport(): string;
  /** The same, one Info.plist per slice; rejects with CancelledError when `cancel` asks. */
  matchingReportYielding(cancel?: Cancellation): Promise<string>;
  /** Every personality of the workspace against one dump, for `dextlint match`. */
  matchResults(dump: LoadedDump, displayPath: (absolutePath: string) => string): MatchResults;

  /**
   * Build descriptions the checks cannot read (Tuist `Project.swift`, `Package.swift`,
   * `CMakeLists.txt`), once each, with why the checks that need their build settings are silent.
   */
  projectNotes(): { uri: string; message: string }[];

  // Rules.
  listRules(): RuleInfo[];
  /** Markdown documentation of a rule, or undefined for an unknown id. */
  explainRule(id: string): string | undefined;
}

const MAX_FIX_ROUNDS = 10;

/**
 * The text of a file the user named on the command line (a config, a log to explain), read as
 * every file is (regular files only, bounded, links followed); the reason otherwise.
 */
export function readTextFile(path: string, maxBytes = MAX_CONFIG_BYTES): { ok: true; text: string } | { ok: false; error: string } {
  const read = readRegularFile(path, { maxBytes, within: ANYWHERE });
  return read.ok ? { ok: true, text: read.bytes.toString('utf8') } : { ok: false, error: describeRefusal(read.reason) };
}

/** A registry dump of a whole Mac (`ioreg -a -l`) is tens of megabytes. */
const MAX_DUMP_BYTES = 256 * 1024 * 1024;

/** A `.dextlintrc.json` is a few lines; a megabyte is already absurd. */
const MAX_CONFIG_BYTES = 1024 * 1024;


/** Safe fixes of one round that do not overlap, as offsets (fixes touching other files are left to the editor). */
function nonOverlappingEdits(
  document: { offsetAt(p: Position): number },
  diagnostics: readonly DextDiagnostic[],
): { start: number; end: number; newText: string }[] {
  const chosen: { start: number; end: number; newText: string }[] = [];
  for (const d of diagnostics) {
    const fix = d.fixes.find((f) => f.isPreferred && f.edits.every((e) => !e.uri));
    if (!fix) continue;
    const edits = fix.edits.map((e) => ({ start: document.offsetAt(e.range.start), end: document.offsetAt(e.range.end), newText: e.newText }));
    const overlaps = edits.some((e) => chosen.some((c) => (e.start < c.end && c.start < e.end) || (e.start === e.end && e.start === c.start)));
    if (!overlaps) chosen.push(...edits);
  }
  return chosen;
}

export function getLanguageService(workspace: Workspace = new Workspace(), options: ServiceOptions = {}): LanguageService {
  let settings: DextSettings = { rules: {}, profiles: [], validateEnable: true, matchingDumps: [] };
  let settingsConfig: DextConfig = emptyConfig();
  const rules = options.rules ?? allRules;
  const knownRuleIds = ruleIds();
  /** Documents the editor has open, with the version it last sent. */
  const open = new Map<string, number>();

  const fileOf = (uri: string): WorkspaceFile | undefined => workspace.get(uri);

  /** Contributions that apply to a file's kind. */
  const contributionsFor = (file: WorkspaceFile): FeatureContribution[] => {
    const kind = workspace.kindOf(file);
    if (!kind) return [];
    return contributions.filter((c) => c.appliesTo.includes('any') || c.appliesTo.includes(kind));
  };

  /** Each provider isolated: one that throws is logged and the others still answer. */
  function collect<T>(file: WorkspaceFile, name: string, call: (c: FeatureContribution) => T | undefined): T[] {
    const out: T[] = [];
    for (const c of contributionsFor(file)) {
      try {
        const r = call(c);
        if (r !== undefined) out.push(r);
      } catch (error) {
        options.onRuleError?.(`${c.name}.${name}`, file.uri, error);
      }
    }
    return out;
  }

  const toRange = (file: WorkspaceFile, start: number, end: number): Range => ({
    start: file.document.positionAt(start),
    end: file.document.positionAt(end),
  });
  const toLocation = (l: Location): LspLocation | undefined => {
    const target = fileOf(l.uri);
    return target ? { uri: l.uri, range: toRange(target, l.start, l.end) } : undefined;
  };

  /** The nearest `.dextlintrc.json` above the file, of those the workspace holds. */
  function nearestConfigFile(uri: string): WorkspaceFile | undefined {
    const path = uriToPath(uri);
    let best: WorkspaceFile | undefined;
    // The list of configuration files changes only when files come or go (the model's inputs).
    const configFiles = workspace.derived('config-files', (ws) => [...ws.files()].filter((f) => f.nameKind === 'config'), []);
    for (const f of configFiles) {
      const folder = dirname(f.path);
      if (isInside(path, folder) && (!best || folder.length > dirname(best.path).length)) best = f;
    }
    return best;
  }

  /** The nearest `.dextlintrc.json` above the file, then the editor settings. */
  function configFor(uri: string): DextConfig {
    if (options.configOverride) return mergeConfigs(options.configOverride, settingsConfig);
    const best = nearestConfigFile(uri);
    const project = best ? best.parsed('config', (f) => parseConfig(f.text).config) : undefined;
    return mergeConfigs(project, settingsConfig);
  }

  // The last result per file, valid until the workspace or the settings change, or the minute
  // does (profiles expire by the clock): code actions ask on every cursor move, and the pull and
  // the debounced push can ask for the same version.
  const validated = new Map<string, { generation: number; settingsVersion: number; minute: number; diagnostics: DextDiagnostic[] }>();
  let settingsVersion = 0;

  /** The file's diagnostics (a shared array: callers read it, never change it). */
  function doValidation(uri: string): DextDiagnostic[] {
    const file = fileOf(uri);
    if (!file || settings.validateEnable === false) return [];
    const minute = Math.floor(Date.now() / 60_000);
    const cached = validated.get(uri);
    if (cached && cached.generation === workspace.generation && cached.settingsVersion === settingsVersion && cached.minute === minute) return cached.diagnostics;
    const diagnostics = validateFile(workspace, file, { config: configFor(uri), onRuleError: options.onRuleError, maxDiagnostics: options.maxDiagnosticsPerFile, rules, knownRuleIds });
    // Files that left the workspace leave the cache too.
    if (validated.size > 2 * workspace.size + 16) for (const key of validated.keys()) if (!workspace.get(key)) validated.delete(key);
    validated.set(uri, { generation: workspace.generation, settingsVersion, minute, diagnostics });
    // The diagnostics are kept; a closed file's parses are not, unless other files' checks read them.
    if (!open.has(uri)) workspace.releaseParses(file);
    return diagnostics;
  }

  /** Whether a closed file is read from disk at all: with `lazyClosedFiles`, logs wait to be opened. */
  const readWhenClosed = (path: string): boolean => !(options.lazyClosedFiles && kindFromName(path) === 'log');


  /** The workspace folders of the last scan: links are followed only into them (and Xcode's profile folders). */
  let roots: string[] = [];
  /** What was not read, waiting for the adapter to report it. */
  let skipped: Skipped[] = [];
  const absoluteIn = (base: string | undefined, p: string): string => (isAbsolute(p) || !base ? p : join(base, p));
  /** Where a file read for a protocol message (watcher, close, open, showProfile) may resolve to. */
  const readableRoots = (): string[] => [...roots, ...defaultProfileFolders(), ...settings.profiles.map((p) => absoluteIn(roots[0], p))];

  /**
   * Binary plists and profiles arrive from an editor as mangled text: their bytes come from disk,
   * read only where the workspace's files may resolve (or, with no folder, when the file is no link).
   */
  function bytesFromDisk(uri: string, text: string): Uint8Array | undefined {
    const binary = text.startsWith('bplist') || kindFromName(uriToPath(uri)) === 'profile';
    if (!binary || !uri.startsWith('file:')) return undefined;
    const read = readRegularFile(uriToPath(uri), { within: roots.length ? readableRoots() : undefined });
    return read.ok ? read.bytes : undefined;
  }

  function loadConfiguredProfiles(folders: readonly string[]): void {
    const base = folders[0];
    const rootConfig = base ? pathToUri(join(base, '.dextlintrc.json')) : undefined;
    const configured = rootConfig ? configFor(rootConfig).profiles : [];
    // The editor's own settings are the user's word; a repository's config may only name its own files.
    const fromSettings = new Set(settings.profiles);
    const entries = configured.filter((p) => !fromSettings.has(p));
    const xcode = defaultProfileFolders();
    const { refused } = loadProfilesFrom(entries.map((p) => absoluteIn(base, p)), workspace, { within: [...folders, ...xcode], skipped });
    loadProfilesFrom([...settings.profiles.map((p) => absoluteIn(base, p)), ...xcode], workspace, { skipped });
    // What was refused is also told on the entry that names it (`config-path-unreadable`); a
    // `--config` file is the user's, outside the workspace: the summary alone tells them.
    const configFile = rootConfig && !options.configOverride ? nearestConfigFile(rootConfig) : undefined;
    if (!configFile) return;
    const onEntries = entries.flatMap((entry) => {
      const root = absoluteIn(base, entry);
      return (refused.get(root) ?? []).flatMap(({ path, reason }) => (reason === 'budget' ? [] : [{ entry, reason, ...(path !== root ? { below: path } : {}) }]));
    });
    workspace.setRefusedPaths(configFile.uri, onEntries);
  }

  /** Reads a served file from disk into the workspace; false when it cannot be read. */
  function readFromDisk(uri: string): boolean {
    const path = uriToPath(uri);
    const content = uri.startsWith('file:') && isServedPath(path) && readWhenClosed(path) ? readServedFile(path, { within: roots.length ? readableRoots() : undefined, maxBytes: options.closedFileMaxBytes }, skipped) : undefined;
    if (!content) return false;
    workspace.set(uri, content.text, 0, content.bytes);
    return true;
  }

  /**
   * The scan, one file per step (the LSP adapter yields between steps so that requests are
   * answered during it): reads at most the byte budget, reports what it left; returns the uris read.
   */
  function* scanSteps(folders: readonly string[]): Steps<string[]> {
    roots = [...folders];
    const budget = options.scanBudgetBytes ?? SCAN_BUDGET_BYTES;
    const fileCap = options.closedFileMaxBytes ?? MAX_FILE_BYTES;
    const within = readableRoots().map((folder) => resolvedPath(folder) ?? folder);
    let spent = 0;
    let overBudget = 0;
    const uris: string[] = [];
    const paths: string[] = [];
    for (const folder of folders) paths.push(...(yield* walkSteps(folder, skipped)));
    for (const path of paths) {
      yield;
      const uri = pathToUri(path);
      // An open document's text wins over the disk.
      if (open.has(uri) || !readWhenClosed(path)) continue;
      const left = budget - spent;
      const read = readRegularFile(path, { within, maxBytes: Math.min(fileCap, left) });
      if (!read.ok) {
        // Past the budget, one line says how much went unread (not one line per file).
        if (read.reason === 'too-large' && left < fileCap) overBudget++;
        else if (read.reason !== 'missing') skipped.push({ path, reason: read.reason, detail: read.detail });
        continue;
      }
      spent += read.bytes.length;
      const content = servedContent(path, read.bytes);
      // Parsed here, a file per step, what the model will read of it: building it then only links.
      parseSharedInputs(workspace.set(uri, content.text, 0, content.bytes));
      uris.push(uri);
    }
    if (overBudget) {
      const mb = Math.round(budget / 1024 / 1024);
      skipped.push({ path: folders[0] ?? '', reason: 'budget', count: overBudget, detail: `${overBudget} file${overBudget === 1 ? '' : 's'} not read: the scan reads ${mb} MB in all` });
    }
    return uris;
  }

  /** The scan in progress (`scanFoldersYielding`), which `whenReady` waits for. */
  let scanning: Promise<string[]> | undefined;

  function* matchingReportSteps(): Steps<string> {
    const groups = [];
    for (const d of activeDumps(workspace)) groups.push({ source: d.source, dump: d.dump, verdicts: yield* verdictsOfWorkspaceSteps(workspace, d.dump) });
    return matchMarkdown(groups, (f) => f.path);
  }

  const service: LanguageService = {
    workspace,

    scanFolders: (folders) => runToEnd(scanSteps(folders)),

    scanFoldersYielding(folders, cancel) {
      // The keystroke path compiled and optimised first, on a scratch project: before the scan,
      // whose checks finish what the compiler started (after it, the compiler still busy slowed
      // the first requests). Part of the scan, so that `whenReady` waits for it too; the folders
      // are the workspace's from the start (what requests may read meanwhile).
      roots = [...folders];
      const scan = service.warmUp(() => !!cancel?.isCancellationRequested).then(() => runInSlices(scanSteps(folders), { cancel }));
      scanning = scan;
      const done = () => {
        if (scanning === scan) scanning = undefined;
      };
      scan.then(done, done);
      return scan;
    },

    async whenReady(cancel) {
      // A scan that fails or stops is its caller's to report; what it read is what there is.
      if (scanning) await untilSettled(scanning.catch(() => []), cancel);
      await runInSlices(workspace.modelSteps(), { cancel });
    },

    loadConfiguredProfiles,

    openDocument(uri, text, version, languageId) {
      open.set(uri, version);
      workspace.set(uri, text, version, bytesFromDisk(uri, text), languageId);
    },

    changeDocument(uri, changes, version) {
      // A change for a document that was never opened has no base text to apply to; out-of-order
      // or repeated versions are dropped: only newer text is ever applied.
      if (!workspace.get(uri) || !open.has(uri) || version <= (open.get(uri) ?? -1)) return false;
      open.set(uri, version);
      workspace.applyChanges(uri, changes, version);
      return true;
    },

    closeDocument(uri) {
      open.delete(uri);
      // The workspace goes back to what is on disk, or forgets an unsaved, untitled file.
      if (readFromDisk(uri)) return true;
      workspace.delete(uri);
      return false;
    },

    fileChanged(uri, change) {
      const path = uriToPath(uri);
      if (!isServedPath(path)) return [];
      // A .dextlintrc.json changes severities for every file below it, and may name other profiles.
      const config = kindFromName(path) === 'config';
      const everyFile = () => {
        loadConfiguredProfiles(roots);
        return [...workspace.files()].map((f) => f.uri);
      };
      // The editor's text wins; a config saved from the editor still has its paths read again.
      if (open.has(uri)) return config && change !== 'deleted' ? everyFile() : [];
      if (change === 'deleted') {
        const dependents = workspace.dependentsOf(uri).map((f) => f.uri);
        workspace.delete(uri);
        return dependents;
      }
      if (!readFromDisk(uri)) return [];
      if (config) return everyFile();
      return [uri, ...workspace.dependentsOf(uri).map((f) => f.uri)];
    },

    takeSkipped() {
      // A file the scan refused can be met again (a configured profile folder inside the workspace): told once.
      const seen = new Set<string>();
      const out: Skipped[] = [];
      for (const s of skipped) {
        const key = `${s.reason}\0${s.path}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(s);
      }
      skipped = [];
      return out;
    },

    isOpen: (uri) => open.has(uri),
    openVersion: (uri) => open.get(uri),
    hasFile: (uri) => !!workspace.get(uri),
    isCheckedWhenClosed(uri) {
      const file = fileOf(uri);
      if (!file || !options.lazyClosedFiles) return !!file;
      return !((file.nameKind === 'log' || file.nameKind === 'cpp') && !workspace.isReadByOthers(file));
    },
    fileUris: () => [...workspace.files()].map((f) => f.uri),
    textOf: (uri) => workspace.get(uri)?.text,
    dependentsOf: (uri) => workspace.dependentsOf(uri).map((f) => f.uri),

    setSettings(next) {
      settings = next;
      settingsVersion++;
      settingsConfig = normalizeConfig({ rules: next.rules, profiles: next.profiles });
    },

    getSettings: () => settings,

    configFor,

    doValidation,

    doHover(uri: string, position: Position): { contents: string; range: Range } | undefined {
      const file = fileOf(uri);
      if (!file) return undefined;
      const offset = file.document.offsetAt(position);
      const hovers = collect<HoverResult>(file, 'hover', (c) => c.hover?.({ file, workspace, offset }));
      if (!hovers.length) return undefined;
      const start = Math.min(...hovers.map((h) => h.start));
      const end = Math.max(...hovers.map((h) => h.end));
      return { contents: hovers.map((h) => h.contents).join('\n\n---\n\n'), range: toRange(file, start, end) };
    },

    doComplete(uri: string, position: Position): ServiceCompletion[] {
      const file = fileOf(uri);
      if (!file) return [];
      const offset = file.document.offsetAt(position);
      return collect(file, 'completion', (c) => c.completion?.({ file, workspace, offset }))
        .flat()
        .map(({ replace, ...item }) => (replace ? { ...item, range: toRange(file, replace.start, replace.end) } : item));
    },

    /**
     * Quick fixes of the diagnostics under `range` (recomputed, so they always match the current
     * text), then the areas' own actions and the common ones (docs, disable).
     */
    doCodeActions(uri: string, range: Range): LspCodeAction[] {
      const file = fileOf(uri);
      if (!file) return [];
      const start = file.document.offsetAt(range.start);
      const end = file.document.offsetAt(range.end);
      const diagnostics = doValidation(uri).filter((d) => {
        const ds = file.document.offsetAt(d.range.start);
        const de = file.document.offsetAt(d.range.end);
        return ds <= end && de >= start;
      });
      const context = { file, workspace, start, end, diagnostics };
      const fixes: LspCodeAction[] = diagnostics.flatMap((d) =>
        d.fixes.map((f) => ({
          title: f.title,
          kind: 'quickfix' as const,
          edits: groupByDocument(uri, f.edits),
          diagnostics: [d],
          ...(f.isPreferred ? { isPreferred: true } : {}),
        })),
      );
      const others = [...collect(file, 'codeActions', (c) => c.codeActions?.(context)).flat(), ...commonCodeActions(context)];
      return [
        ...fixes,
        ...others.map(({ edits, ...a }) => {
          if (!edits) return a;
          const converted: Record<string, { range: Range; newText: string }[]> = {};
          for (const [target, list] of Object.entries(edits)) {
            const doc = fileOf(target) ?? file;
            converted[target] = list.map((e) => ({ range: toRange(doc, e.start, e.end), newText: e.newText }));
          }
          return { ...a, edits: converted };
        }),
      ];
    },

    findDefinition(uri: string, position: Position): LspLocation[] {
      const file = fileOf(uri);
      if (!file) return [];
      const offset = file.document.offsetAt(position);
      return collect(file, 'definition', (c) => c.definition?.({ file, workspace, offset }))
        .flat()
        .map(toLocation)
        .filter((l): l is LspLocation => !!l);
    },

    findReferences(uri: string, position: Position): LspLocation[] {
      const file = fileOf(uri);
      if (!file) return [];
      const offset = file.document.offsetAt(position);
      return collect(file, 'references', (c) => c.references?.({ file, workspace, offset }))
        .flat()
        .map(toLocation)
        .filter((l): l is LspLocation => !!l);
    },

    findDocumentSymbols(uri: string): ServiceSymbol[] {
      const file = fileOf(uri);
      if (!file) return [];
      const context: FeatureContext = { file, workspace };
      const convert = (s: DocumentSymbol): ServiceSymbol => ({
        name: s.name,
        ...(s.detail ? { detail: s.detail } : {}),
        kind: s.kind,
        range: toRange(file, s.start, s.end),
        selectionRange: toRange(file, s.selectionStart, s.selectionEnd),
        ...(s.children ? { children: s.children.map(convert) } : {}),
      });
      return collect(file, 'documentSymbols', (c) => c.documentSymbols?.(context)).flat().map(convert);
    },

    getFoldingRanges(uri: string): ServiceFoldingRange[] {
      const file = fileOf(uri);
      if (!file) return [];
      const out: ServiceFoldingRange[] = [];
      for (const r of collect(file, 'foldingRanges', (c) => c.foldingRanges?.({ file, workspace })).flat()) {
        const startLine = file.document.positionAt(r.start).line;
        const endLine = file.document.positionAt(r.end).line;
        if (endLine > startLine) out.push({ startLine, endLine, ...(r.kind ? { kind: r.kind } : {}) });
      }
      return out;
    },


    warmUp(shouldStop) {
      return warmUp({ config: emptyConfig(), rules, knownRuleIds }, WARM_UP_KEYSTROKES, shouldStop);
    },

    addDevelopmentConfiguration(uri, transport) {
      const file = fileOf(uri);
      if (!file || workspace.kindOf(file) !== 'dext-entitlements') {
        return { message: 'Open the dext’s .entitlements file (the one with com.apple.developer.driverkit) to add a development configuration.' };
      }
      // The entitlements area offers the same edit as a code action: one implementation of the insertion.
      const end = file.document.positionAt(file.text.length);
      const title = new RegExp(`add ${transport} development configuration`, 'i');
      const action = service.doCodeActions(uri, { start: { line: 0, character: 0 }, end }).find((a) => title.test(a.title));
      if (!action?.edits) return { message: `This file already has the ${transport.toUpperCase()} development configuration.` };
      return { edits: action.edits };
    },

    /**
     * Build descriptions the checks cannot read (Tuist Project.swift, Package.swift,
     * CMakeLists.txt), once each, with why the checks that need their build settings are silent.
     * A damaged project.pbxproj is not here: `project-unreadable` reports it on the file.
     */
    projectNotes() {
      return workspace.getModel().unread.filter((u) => u.kind !== 'damaged').map((u) => ({ uri: u.file.uri, message: u.reason }));
    },

    readRegistryDump(source, input) {
      const read = readRegistryDump(input);
      return read.ok ? { ok: true, dump: { source, dump: read.dump } } : { ok: false, error: read.error };
    },

    readRegistryDumpFile(uri) {
      const path = uriToPath(uri);
      // The developer names the dump (a picked file or a setting): read wherever it is, as every
      // file is (regular files only, bounded: `ioreg -a -l` of a whole Mac is tens of megabytes).
      const read = readRegularFile(path, { maxBytes: MAX_DUMP_BYTES, within: ANYWHERE });
      if (!read.ok) return { ok: false, error: `cannot read ${path}: ${describeRefusal(read.reason)}` };
      return service.readRegistryDump(path, read.bytes);
    },

    matchResults(loaded, displayPath) {
      const verdicts = verdictsOfWorkspace(workspace, loaded.dump);
      const pathOf = (f: WorkspaceFile) => displayPath(f.path);
      return {
        json: matchJson(loaded.source, verdicts, pathOf),
        text: matchText(loaded.source, loaded.dump, verdicts, pathOf),
        files: [...new Set(verdicts.flatMap((v) => workspace.shownIn(v.file).map((f) => f.uri)))],
        anyNoMatch: verdicts.some((v) => v.verdict.status === 'no-match'),
        undetermined: verdicts.filter((v) => v.verdict.status === 'undetermined').map((v) => `${pathOf(v.file)}: personality '${v.verdict.personality}'`),
      };
    },

    setMatchingDumps(dumps) {
      setActiveDumps(workspace, dumps);
      settingsVersion++;
      return [...new Set(workspace.filesOfKind('dext-info-plist').flatMap((f) => workspace.shownIn(f).map((shown) => shown.uri)))];
    },

    matchingDumps: () => activeDumps(workspace),

    matchingReport: () => runToEnd(matchingReportSteps()),
    matchingReportYielding: (cancel) => runInSlices(matchingReportSteps(), { cancel }),

    applySafeFixes(uri) {
      const file = fileOf(uri);
      if (!file || file.bytes) return undefined;
      let applied = 0;
      for (let round = 0; round < MAX_FIX_ROUNDS; round++) {
        const current = fileOf(uri)!;
        const edits = nonOverlappingEdits(current.document, doValidation(uri));
        if (!edits.length) break;
        let text = current.text;
        for (const e of edits.sort((a, b) => b.start - a.start)) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
        if (text === current.text) break;
        applied += edits.length;
        workspace.set(uri, text, current.version + 1);
      }
      return applied ? { text: fileOf(uri)!.text, applied } : undefined;
    },

    describeProfile(uri) {
      // Only what the workspace holds or may hold: any other `file:` URI is not ours to read.
      const read = fileOf(uri) || !uri.startsWith('file:') ? undefined : readRegularFile(uriToPath(uri), { within: readableRoots() });
      const bytes = fileOf(uri)?.bytes ?? (read?.ok ? read.bytes : undefined);
      if (!bytes) return { ok: false, error: `${uri} is not a provisioning profile the server can read.` };
      const described = describeProfile(bytes);
      return described.ok ? { ok: true, content: described.document } : { ok: false, error: described.error };
    },

    explainText: (text) => explainText(text, workspace),
    explainTextYielding: (text, cancel) => runInSlices(explainTextSteps(text, workspace), { cancel }),
    explainInput: (text) => explainInput(text, workspace.size ? workspace : undefined),

    listRules() {
      return rules.map((r) => ({
        id: r.meta.id,
        summary: r.meta.docs.summary,
        what: r.meta.docs.what,
        fix: r.meta.docs.fix,
        defaultSeverity: r.meta.defaultSeverity,
        fixable: r.meta.fixable,
        verify: !!r.meta.verify,
        markdown: ruleMarkdown(r),
        docsUri: ruleDocsUri(r.meta.id),
      }));
    },

    explainRule(id) {
      const rule = rules.find((r) => r.meta.id === id) ?? getRule(id);
      return rule ? ruleMarkdown(rule) : undefined;
    },
  };
  return service;
}
