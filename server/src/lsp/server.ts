// The LSP adapter: wires a connection to the language service, one handler file per concern
// (documents, settings, features, custom requests), as yaml-language-server's handlers/ do.
import { TextDocumentSyncKind, type Connection, type InitializeParams, type InitializeResult } from 'vscode-languageserver';
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

export interface ServerOptions {
  /** Rules to run instead of the registry's (tests of the adapter with a rule that throws). */
  rules?: ServiceOptions['rules'];
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const service = getLanguageService(undefined, {
    rules: options.rules,
    maxDiagnosticsPerFile: MAX_DIAGNOSTICS_PER_FILE,
    onRuleError: (id, uri, error) =>
      connection.console.error(`dext: ${id} failed on ${uri}: ${error instanceof Error ? error.stack : String(error)}`),
  });
  const context = new ServerContext(connection, service);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    Object.assign(context.capabilities, {
      pull: !!caps.textDocument?.diagnostic,
      refresh: !!caps.workspace?.diagnostics?.refreshSupport,
      progress: !!caps.window?.workDoneProgress,
      configuration: !!caps.workspace?.configuration,
      watchedFilesRegistration: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    });
    context.folders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri));
    if (!context.folders.length && params.rootUri) context.folders = [uriToPath(params.rootUri)];
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

  connection.onShutdown(() => context.debouncer.cancelAll());
  connection.listen();
}
