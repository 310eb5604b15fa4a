// The LSP adapter: wires a connection to the language service, one handler file per concern
// (documents, settings, features, custom requests), as yaml-language-server's handlers/ do.
import { ErrorCodes, ResponseError, TextDocumentSyncKind, type Connection, type InitializeError, type InitializeParams, type InitializeResult } from 'vscode-languageserver';
import { readSettings } from '../../../protocol/protocol';
import { getLanguageService, uriToPath, type ServiceOptions } from '../service';
import { ServerContext } from './handlers/context';
import { registerDocuments, registerFileWatchers, scanWorkspace } from './handlers/documents';
import { registerFeatures } from './handlers/features';
import { registerMatching } from './handlers/matching';
import { registerRequests } from './handlers/requests';
import { fetchSettings, registerSettings } from './handlers/settings';

/** The problems shown for one file (`too-many-problems` documents it; the CLI has no limit). */
const MAX_DIAGNOSTICS_PER_FILE = 1000;
/**
 * Closed files larger than this are checked when opened, not at scan or on a watcher event: one
 * 30 MB plist kept the server deaf for seconds (the CLI, not interactive, reads up to 32 MB).
 */
const CLOSED_FILE_MAX_BYTES = 4 * 1024 * 1024;

export interface ServerOptions {
  /** Rules to run instead of the registry's (tests of the adapter with a rule that throws). */
  rules?: ServiceOptions['rules'];
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const service = getLanguageService(undefined, {
    rules: options.rules,
    maxDiagnosticsPerFile: MAX_DIAGNOSTICS_PER_FILE,
    closedFileMaxBytes: CLOSED_FILE_MAX_BYTES,
    lazyClosedFiles: true,
    onRuleError: (id, uri, error) =>
      connection.console.error(`dext: ${id} failed on ${uri}: ${error instanceof Error ? error.stack : String(error)}`),
  });
  const context = new ServerContext(connection, service);

  /** The folders `initialize` named; they become the workspace's at `initialized` and never change after. */
  let initialFolders: string[] = [];

  connection.onInitialize((params: InitializeParams): InitializeResult | ResponseError<InitializeError> => {
    // A second initialize would replace the folders under a running scan: the specification allows one.
    if (context.phase !== 'uninitialized') return new ResponseError(ErrorCodes.InvalidRequest, 'dext: the server is already initialized', { retry: false });
    context.phase = 'running';
    const caps = params.capabilities;
    Object.assign(context.capabilities, {
      pull: !!caps.textDocument?.diagnostic,
      refresh: !!caps.workspace?.diagnostics?.refreshSupport,
      progress: !!caps.window?.workDoneProgress,
      configuration: !!caps.workspace?.configuration,
      watchedFilesRegistration: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
      documentChanges: !!caps.workspace?.workspaceEdit?.documentChanges,
    });
    initialFolders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri));
    if (!initialFolders.length && params.rootUri) initialFolders = [uriToPath(params.rootUri)];
    const initial = params.initializationOptions as { settings?: unknown } | undefined;
    // The configured dumps are read once the folders are known: at initialized, with the settings.
    if (initial?.settings) service.setSettings(readSettings(initial.settings));
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
    context.guard('initialized', undefined, () => {
      context.folders = initialFolders;
      registerFileWatchers(context);
      void (async () => {
        await fetchSettings(context);
        await scanWorkspace(context);
      })().catch((error) => connection.console.error(`dext: workspace scan failed: ${String(error)}`));
    }),
  );

  registerSettings(context);
  registerDocuments(context);
  registerFeatures(context);
  registerRequests(context);
  registerMatching(context);

  connection.onShutdown(() => {
    if (context.phase === 'uninitialized') return new ResponseError(ErrorCodes.ServerNotInitialized, 'dext: shutdown before initialize');
    if (context.phase === 'shutdown') return new ResponseError(ErrorCodes.InvalidRequest, 'dext: shutdown after shutdown');
    context.phase = 'shutdown';
    context.debouncer.cancelAll();
    return undefined;
  });
  connection.listen();
}
