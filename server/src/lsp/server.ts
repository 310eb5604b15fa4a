// The LSP adapter: wires a connection to the language service. Translate, call, translate back;
// every handler catches its own errors so that one failure is a logged line, never a dead server.
import { readFileSync } from 'node:fs';
import {
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  FileChangeType,
  TextDocumentSyncKind,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { getLanguageService, type ServiceOptions, type ServiceSettings } from '../service';
import { kindFromName } from '../workspace/files';
import { isServedPath, readServedFile, walkFiles } from '../workspace/scan';
import { pathToUri, uriToPath } from '../workspace/uri';
import { Workspace } from '../workspace/workspace';
import { toLspCodeAction, toLspCompletion, toLspDiagnostic, toLspSymbol } from './convert';
import { addDevelopmentConfiguration } from './development-configuration';
import { explainText } from '../explain';
import { loadConfiguredProfiles } from '../profiles/paths';
import { describeProfile } from '../profiles';
import { PullResults } from './pull-results';
import { Debouncer } from './debounce';

/** The problems shown for one file (`too-many-problems` documents it; the CLI has no limit). */
const MAX_DIAGNOSTICS_PER_FILE = 1000;

/** Quiet period after the last keystroke before a document is re-validated. */
const DEBOUNCE_MS = 120;

export interface ServerOptions {
  /** Rules to run instead of the registry's (tests of the adapter with a rule that throws). */
  rules?: ServiceOptions['rules'];
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const workspace = new Workspace();
  const service = getLanguageService(workspace, {
    rules: options.rules,
    maxDiagnosticsPerFile: MAX_DIAGNOSTICS_PER_FILE,
    onRuleError: (id, uri, error) =>
      connection.console.error(`dext: ${id} failed on ${uri}: ${error instanceof Error ? error.stack : String(error)}`),
  });
  /** Documents the editor has open, with the version it last sent. */
  const open = new Map<string, number>();
  /** Files whose last published diagnostics were not empty. */
  const nonEmpty = new Set<string>();
  let folders: string[] = [];
  let supportsPull = false;
  let supportsRefresh = false;
  let supportsProgress = false;
  let supportsConfiguration = false;
  let supportsWatchedFilesRegistration = false;
  const debouncer = new Debouncer(DEBOUNCE_MS);
  const pullResults = new PullResults();

  const guard = <A extends unknown[], R>(name: string, fallback: R, fn: (...args: A) => R) =>
    (...args: A): R => {
      try {
        return fn(...args);
      } catch (error) {
        connection.console.error(`dext: ${name} failed: ${error instanceof Error ? error.stack : String(error)}`);
        return fallback;
      }
    };

  /** Pushes a file's diagnostics, unless the client pulls them for open documents. */
  function publish(uri: string): void {
    const file = workspace.get(uri);
    if (!file) return;
    if (supportsPull && open.has(uri)) return;
    const diagnostics = service.doValidation(uri).map(toLspDiagnostic);
    const version = open.get(uri);
    // A closed file with nothing to say, that never had anything to say, needs no message.
    if (!diagnostics.length && version === undefined && !nonEmpty.has(uri)) return;
    if (diagnostics.length) nonEmpty.add(uri);
    else nonEmpty.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics, ...(version !== undefined ? { version } : {}) });
  }

  /** Re-validates a file and the files that depend on it; asks a pulling client to re-pull. */
  function revalidate(uri: string): void {
    publish(uri);
    for (const dependent of workspace.dependentsOf(uri)) publish(dependent.uri);
    if (supportsPull && supportsRefresh) void connection.languages.diagnostics.refresh().catch(() => undefined);
  }

  function schedule(uri: string): void {
    debouncer.run(uri, guard('validate', undefined, () => revalidate(uri)));
  }

  async function fetchSettings(): Promise<void> {
    if (!supportsConfiguration) return;
    try {
      const raw = (await connection.workspace.getConfiguration('dext')) as
        | { rules?: Record<string, unknown>; profiles?: string[]; validate?: { enable?: boolean } }
        | null;
      const settings: ServiceSettings = {
        rules: raw?.rules ?? {},
        profiles: raw?.profiles ?? [],
        validateEnable: raw?.validate?.enable !== false,
      };
      service.setSettings(settings);
    } catch (error) {
      connection.console.warn(`dext: could not read settings: ${String(error)}`);
    }
  }

  async function scanWorkspace(): Promise<void> {
    let reporter: { begin(title: string, pct?: number, msg?: string): void; report(msg: string): void; done(): void } | undefined;
    const token = `dext-scan-${Date.now()}`;
    if (supportsProgress) {
      try {
        await connection.sendRequest(WorkDoneProgressCreateRequest.type, { token });
        reporter = {
          begin: (title, percentage, message) =>
            void connection.sendProgress(WorkDoneProgress.type, token, { kind: 'begin', title, percentage, message, cancellable: false }),
          report: (message) => void connection.sendProgress(WorkDoneProgress.type, token, { kind: 'report', message }),
          done: () => void connection.sendProgress(WorkDoneProgress.type, token, { kind: 'end' }),
        };
      } catch {
        reporter = undefined;
      }
    }
    const paths = folders.flatMap((folder) => walkFiles(folder));
    reporter?.begin('DEXT: scanning workspace', undefined, `${paths.length} files`);
    void connection.sendNotification('dext/scanStatus', { state: 'start', files: paths.length });
    const uris: string[] = [];
    for (const path of paths) {
      const uri = pathToUri(path);
      // An open document's text wins over the disk.
      if (open.has(uri)) continue;
      const content = readServedFile(path);
      if (!content) continue;
      workspace.set(uri, content.text, 0, content.bytes);
      uris.push(uri);
    }
    loadConfiguredProfiles(workspace, service, folders);
    reporter?.report(`${uris.length} files`);
    for (const uri of workspace.files()) publish(uri.uri);
    // Projects we cannot read: told once, in the scan status and the output channel.
    const notes = service.projectNotes().map((n) => n.message);
    for (const note of notes) connection.console.info(`dext: ${note}`);
    void connection.sendNotification('dext/scanStatus', { state: 'end', files: workspace.size, ...(notes.length ? { notes } : {}) });
    reporter?.done();
    if (supportsPull && supportsRefresh) void connection.languages.diagnostics.refresh().catch(() => undefined);
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    supportsPull = !!caps.textDocument?.diagnostic;
    supportsRefresh = !!caps.workspace?.diagnostics?.refreshSupport;
    supportsProgress = !!caps.window?.workDoneProgress;
    supportsConfiguration = !!caps.workspace?.configuration;
    supportsWatchedFilesRegistration = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    folders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri));
    if (!folders.length && params.rootUri) folders = [uriToPath(params.rootUri)];
    const initial = params.initializationOptions as { settings?: ServiceSettings } | undefined;
    if (initial?.settings) service.setSettings(initial.settings);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['<', '>', '"', '(', '.'], resolveProvider: false },
        codeActionProvider: { codeActionKinds: ['quickfix', 'refactor', 'refactor.rewrite', 'source'] },
        definitionProvider: true,
        referencesProvider: true,
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        diagnosticProvider: { identifier: 'dext', interFileDependencies: true, workspaceDiagnostics: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'dext-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(
    guard('initialized', undefined, () => {
      if (supportsWatchedFilesRegistration) {
        void connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [
            { globPattern: '**/*.{entitlements,plist,in,iig,cpp,cc,h,hpp,pbxproj,xcconfig,provisionprofile,mobileprovision,log,swift,m,mm}' },
            { globPattern: '**/CMakeLists.txt' },
            { globPattern: '**/.dextlintrc.json' },
          ],
        });
      }
      void (async () => {
        await fetchSettings();
        await scanWorkspace();
      })().catch((error) => connection.console.error(`dext: workspace scan failed: ${String(error)}`));
    }),
  );

  connection.onDidChangeConfiguration(
    guard('configuration', undefined, (change) => {
      void (async () => {
        if (supportsConfiguration) await fetchSettings();
        else {
          const s = (change.settings as { dext?: { rules?: Record<string, unknown>; profiles?: string[]; validate?: { enable?: boolean } } })?.dext;
          service.setSettings({ rules: s?.rules ?? {}, profiles: s?.profiles ?? [], validateEnable: s?.validate?.enable !== false });
        }
        for (const f of workspace.files()) publish(f.uri);
        if (supportsPull && supportsRefresh) void connection.languages.diagnostics.refresh().catch(() => undefined);
      })();
    }),
  );

  /** Binary plists and profiles arrive from the editor as mangled text: read their bytes from disk. */
  function bytesFor(uri: string, text: string): Uint8Array | undefined {
    const binary = text.startsWith('bplist') || kindFromName(uriToPath(uri)) === 'profile';
    if (!binary || !uri.startsWith('file:')) return undefined;
    try {
      return readFileSync(uriToPath(uri));
    } catch {
      return undefined;
    }
  }

  connection.onDidOpenTextDocument(
    guard('didOpen', undefined, ({ textDocument }) => {
      open.set(textDocument.uri, textDocument.version);
      workspace.set(textDocument.uri, textDocument.text, textDocument.version, bytesFor(textDocument.uri, textDocument.text), textDocument.languageId);
      if (supportsPull) void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
      schedule(textDocument.uri);
    }),
  );

  connection.onDidChangeTextDocument(
    guard('didChange', undefined, ({ textDocument, contentChanges }) => {
      const file = workspace.get(textDocument.uri);
      // A change for a document that was never opened: there is no base text to apply it to.
      if (!file || !open.has(textDocument.uri)) return;
      // Out-of-order or repeated versions are dropped: only newer text is ever applied.
      if (textDocument.version <= (open.get(textDocument.uri) ?? -1)) return;
      open.set(textDocument.uri, textDocument.version);
      workspace.applyChanges(textDocument.uri, contentChanges, textDocument.version);
      schedule(textDocument.uri);
    }),
  );

  connection.onDidCloseTextDocument(
    guard('didClose', undefined, ({ textDocument }) => {
      open.delete(textDocument.uri);
      debouncer.cancel(textDocument.uri);
      pullResults.forget(textDocument.uri);
      // The workspace goes back to what is on disk (or forgets an unsaved, untitled file).
      const path = uriToPath(textDocument.uri);
      const content = textDocument.uri.startsWith('file:') && isServedPath(path) ? readServedFile(path) : undefined;
      if (content) workspace.set(textDocument.uri, content.text, 0, content.bytes);
      else workspace.delete(textDocument.uri);
      if (content) revalidate(textDocument.uri);
      else void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard('watchedFiles', undefined, ({ changes }) => {
      for (const change of changes) {
        if (open.has(change.uri)) continue; // the editor's text wins
        const path = uriToPath(change.uri);
        if (!isServedPath(path)) continue;
        if (change.type === FileChangeType.Deleted) {
          const dependents = workspace.dependentsOf(change.uri);
          workspace.delete(change.uri);
          void connection.sendDiagnostics({ uri: change.uri, diagnostics: [] });
          for (const d of dependents) publish(d.uri);
        } else {
          const content = readServedFile(path);
          if (!content) continue;
          workspace.set(change.uri, content.text, 0, content.bytes);
          // A .dextlintrc.json changes severities for every file below it.
          if (kindFromName(path) === 'config') for (const f of workspace.files()) publish(f.uri);
          else revalidate(change.uri);
        }
      }
    }),
  );

  connection.languages.diagnostics.on(
    guard('pullDiagnostics', { kind: DocumentDiagnosticReportKind.Full, items: [] }, (params, token) => {
      if (token.isCancellationRequested) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      // Answer for the latest text: a pending debounced run would compute the same thing.
      const uri = params.textDocument.uri;
      return pullResults.report(uri, params.previousResultId, service.doValidation(uri).map(toLspDiagnostic));
    }) as Parameters<typeof connection.languages.diagnostics.on>[0],
  );

  connection.onHover(
    guard('hover', null, ({ textDocument, position }, token) => {
      if (token.isCancellationRequested) return null;
      const hover = service.doHover(textDocument.uri, position);
      return hover ? { contents: { kind: 'markdown', value: hover.contents }, range: hover.range } : null;
    }),
  );

  connection.onCompletion(
    guard('completion', [], ({ textDocument, position }, token) =>
      token.isCancellationRequested ? [] : service.doComplete(textDocument.uri, position).map(toLspCompletion),
    ),
  );

  connection.onCodeAction(
    guard('codeAction', [], ({ textDocument, range, context }, token) => {
      if (token.isCancellationRequested) return [];
      const actions = service.doCodeActions(textDocument.uri, range).map(toLspCodeAction);
      const only = context.only;
      return only?.length ? actions.filter((a) => only.some((k) => a.kind === k || a.kind?.startsWith(k + '.'))) : actions;
    }),
  );

  connection.onDefinition(guard('definition', [], ({ textDocument, position }) => service.findDefinition(textDocument.uri, position)));
  connection.onReferences(guard('references', [], ({ textDocument, position }) => service.findReferences(textDocument.uri, position)));
  connection.onDocumentSymbol(guard('documentSymbol', [], ({ textDocument }) => service.findDocumentSymbols(textDocument.uri).map(toLspSymbol)));
  connection.onFoldingRanges(guard('foldingRanges', [], ({ textDocument }) => service.getFoldingRanges(textDocument.uri)));

  connection.onRequest('dext/rules', guard('dext/rules', [], () => service.listRules()));
  connection.onRequest(
    'dext/ruleDocumentation',
    guard('dext/ruleDocumentation', { markdown: '' }, ({ id }: { id: string }) => ({
      markdown: service.explainRule(id) ?? `Unknown rule id \`${id}\`.`,
    })),
  );
  connection.onRequest(
    'dext/addDevelopmentConfiguration',
    guard('dext/addDevelopmentConfiguration', { message: 'internal error' }, (params: { uri: string; transport: 'usb' | 'pci' }) =>
      addDevelopmentConfiguration(service, params.uri, params.transport),
    ),
  );
  connection.onRequest(
    'dext/showProfile',
    guard('dext/showProfile', { ok: false, error: 'internal error' } as { ok: boolean; content?: string; error?: string }, ({ uri }: { uri: string }) => {
      const file = workspace.get(uri);
      const bytes = file?.bytes ?? bytesFor(uri, 'bplist');
      if (!bytes) return { ok: false, error: `${uri} is not a provisioning profile the server can read.` };
      const described = describeProfile(bytes);
      return described.ok ? { ok: true, content: described.document } : { ok: false, error: described.error };
    }),
  );
  connection.onRequest('dext/explain', guard('dext/explain', { markdown: '' }, ({ text }: { text: string }) => ({ markdown: explainText(text, workspace) })));

  connection.onShutdown(() => debouncer.cancelAll());
  connection.listen();
}
