// getLanguageService(): the one public API of the core. Pure functions over a Workspace; the LSP
// adapter and the CLI both call these and nothing else, so they never diverge.
import { emptyConfig, mergeConfigs, normalizeConfig, parseConfig, type DextConfig } from './config';
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
import { commonCodeActions } from './features/common';
import { allRules, getRule } from './rules';
import type { Rule } from './rules/types';
import { ruleMarkdown } from './rules/docs';
import type { DextDiagnostic, Position, Range } from './types';
import { validateFile } from './rules/engine/validation';
import type { WorkspaceFile } from './workspace/files';
import { dirname, isInside, uriToPath } from './workspace/uri';
import { Workspace } from './workspace/workspace';

export interface ServiceSettings {
  /** `dext.rules`: severities that override the project's `.dextlintrc.json`. */
  rules?: Record<string, unknown>;
  /** `dext.profiles`: extra provisioning profile paths. */
  profiles?: string[];
  /** `dext.validate.enable`. */
  validateEnable?: boolean;
}

export interface ServiceOptions {
  onRuleError?: (ruleId: string, uri: string, error: unknown) => void;
  /** A config that replaces `.dextlintrc.json` discovery (the CLI's `--config`). */
  configOverride?: DextConfig;
  /** At most this many diagnostics per file (the editor's limit, see `too-many-problems`). */
  maxDiagnosticsPerFile?: number;
  /** Rules to run instead of the registry's (tests: a rule that throws, through the real adapter). */
  rules?: readonly Rule[];
}

export interface LspLocation {
  uri: string;
  range: Range;
}

export interface LspCodeAction extends Omit<CodeAction, 'edits'> {
  edits?: Record<string, { range: Range; newText: string }[]>;
}

export type LanguageService = ReturnType<typeof getLanguageService>;

/** A fix's edits by document (most stay in the diagnostic's own document). */
function groupByDocument(uri: string, edits: { range: Range; newText: string; uri?: string }[]): Record<string, { range: Range; newText: string }[]> {
  const out: Record<string, { range: Range; newText: string }[]> = {};
  for (const { uri: target, ...edit } of edits) (out[target ?? uri] ??= []).push(edit);
  return out;
}

export function getLanguageService(workspace: Workspace = new Workspace(), options: ServiceOptions = {}) {
  let settings: ServiceSettings = {};
  let settingsConfig: DextConfig = emptyConfig();
  const rules = options.rules ?? allRules;

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

  /** The nearest `.dextlintrc.json` above the file, then the editor settings. */
  function configFor(uri: string): DextConfig {
    if (options.configOverride) return mergeConfigs(options.configOverride, settingsConfig);
    const path = uriToPath(uri);
    let best: WorkspaceFile | undefined;
    // The list of configuration files changes only when files come or go (the model's inputs).
    const configFiles = workspace.derived('config-files', (ws) => [...ws.files()].filter((f) => f.nameKind === 'config'), []);
    for (const f of configFiles) {
      const folder = dirname(f.path);
      if (isInside(path, folder) && (!best || folder.length > dirname(best.path).length)) best = f;
    }
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
    const diagnostics = validateFile(workspace, file, { config: configFor(uri), onRuleError: options.onRuleError, maxDiagnostics: options.maxDiagnosticsPerFile, rules });
    // Files that left the workspace leave the cache too.
    if (validated.size > 2 * workspace.size + 16) for (const key of validated.keys()) if (!workspace.get(key)) validated.delete(key);
    validated.set(uri, { generation: workspace.generation, settingsVersion, minute, diagnostics });
    return diagnostics;
  }

  return {
    workspace,

    setSettings(next: ServiceSettings): void {
      settings = next;
      settingsVersion++;
      settingsConfig = normalizeConfig({ rules: next.rules ?? {}, profiles: next.profiles ?? [] });
    },

    getSettings(): ServiceSettings {
      return settings;
    },

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

    doComplete(uri: string, position: Position): (Omit<CompletionItem, 'replace'> & { range?: Range })[] {
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

    findDocumentSymbols(uri: string): (Omit<DocumentSymbol, 'start' | 'end' | 'selectionStart' | 'selectionEnd' | 'children'> & { range: Range; selectionRange: Range; children?: unknown[] })[] {
      const file = fileOf(uri);
      if (!file) return [];
      const context: FeatureContext = { file, workspace };
      const convert = (s: DocumentSymbol): ReturnType<LanguageService['findDocumentSymbols']>[number] => ({
        name: s.name,
        ...(s.detail ? { detail: s.detail } : {}),
        kind: s.kind,
        range: toRange(file, s.start, s.end),
        selectionRange: toRange(file, s.selectionStart, s.selectionEnd),
        ...(s.children ? { children: s.children.map(convert) } : {}),
      });
      return collect(file, 'documentSymbols', (c) => c.documentSymbols?.(context)).flat().map(convert);
    },

    getFoldingRanges(uri: string): { startLine: number; endLine: number; kind?: FoldingRange['kind'] }[] {
      const file = fileOf(uri);
      if (!file) return [];
      const out: { startLine: number; endLine: number; kind?: FoldingRange['kind'] }[] = [];
      for (const r of collect(file, 'foldingRanges', (c) => c.foldingRanges?.({ file, workspace })).flat()) {
        const startLine = file.document.positionAt(r.start).line;
        const endLine = file.document.positionAt(r.end).line;
        if (endLine > startLine) out.push({ startLine, endLine, ...(r.kind ? { kind: r.kind } : {}) });
      }
      return out;
    },

    /**
     * Build descriptions the checks cannot read (Tuist Project.swift, Package.swift,
     * CMakeLists.txt), once each, with why the checks that need their build settings are silent.
     * A damaged project.pbxproj is not here: `project-unreadable` reports it on the file.
     */
    projectNotes(): { uri: string; message: string }[] {
      return workspace.getModel().unread.filter((u) => u.kind !== 'damaged').map((u) => ({ uri: u.file.uri, message: u.reason }));
    },

    /** The rules' metadata, for the client's rule picker and the CLI. */
    listRules() {
      return allRules.map((r) => ({ id: r.meta.id, summary: r.meta.docs.summary, defaultSeverity: r.meta.defaultSeverity }));
    },

    /** Markdown documentation of a rule, or undefined for an unknown id. */
    explainRule(id: string): string | undefined {
      const rule = getRule(id);
      return rule ? ruleMarkdown(rule) : undefined;
    },
  };
}
