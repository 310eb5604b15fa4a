// The documents the editor opens, edits and closes, files that change on disk, and the scan of
// the workspace folders. The service keeps the texts; this side debounces and publishes.
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
} from 'vscode-languageserver';
import { ScanStatusNotification } from '../../../../protocol/protocol';
import type { FileChange } from '../../service';
import type { ServerContext } from './context';

const FILE_CHANGE: Record<number, FileChange> = {
  [FileChangeType.Created]: 'created',
  [FileChangeType.Changed]: 'changed',
  [FileChangeType.Deleted]: 'deleted',
};

interface Progress {
  begin(title: string, message?: string): void;
  report(message: string): void;
  done(): void;
}

async function createProgress(context: ServerContext): Promise<Progress | undefined> {
  if (!context.capabilities.progress) return undefined;
  const { connection } = context;
  const token = `dext-scan-${Date.now()}`;
  try {
    await connection.sendRequest(WorkDoneProgressCreateRequest.type, { token });
  } catch {
    return undefined;
  }
  return {
    begin: (title, message) => void connection.sendProgress(WorkDoneProgress.type, token, { kind: 'begin', title, message, cancellable: false }),
    report: (message) => void connection.sendProgress(WorkDoneProgress.type, token, { kind: 'report', message }),
    done: () => void connection.sendProgress(WorkDoneProgress.type, token, { kind: 'end' }),
  };
}

export async function scanWorkspace(context: ServerContext): Promise<void> {
  const progress = await createProgress(context);
  progress?.begin('DEXT: scanning workspace');
  void context.connection.sendNotification(ScanStatusNotification, { state: 'start', files: 0 });
  const uris = await context.service.scanFoldersYielding(context.folders, () => context.phase === 'shutdown');
  context.service.loadConfiguredProfiles(context.folders);
  // The keystroke path compiled and optimised before the first keystroke, on a scratch project:
  // after the files are read (requests meanwhile see them), before they are checked, which
  // finishes what the compiler started (after the checks, the compiler still busy slowed the
  // first requests).
  await context.service.warmUp(() => context.phase === 'shutdown');
  context.reportSkipped();
  progress?.report(`${uris.length} files`);
  const all = context.service.fileUris();
  await context.publishAllYielding(all);
  // Projects we cannot read: told once, in the scan status and the output channel.
  const notes = context.service.projectNotes().map((n) => n.message);
  for (const note of notes) context.connection.console.info(`dext: ${note}`);
  void context.connection.sendNotification(ScanStatusNotification, { state: 'end', files: all.length, ...(notes.length ? { notes } : {}) });
  progress?.done();
}

export function registerFileWatchers(context: ServerContext): void {
  if (!context.capabilities.watchedFilesRegistration) return;
  void context.connection.client.register(DidChangeWatchedFilesNotification.type, {
    watchers: [
      { globPattern: '**/*.{entitlements,plist,in,iig,cpp,cc,h,hpp,pbxproj,xcconfig,yml,yaml,provisionprofile,mobileprovision,log,swift,m,mm}' },
      { globPattern: '**/CMakeLists.txt' },
      { globPattern: '**/.dextlintrc.json' },
      // Registry dumps kept in the project (`dext.matching.dumps`).
      { globPattern: '**/*.{ioreg,xml}' },
    ],
  });
}

export function registerDocuments(context: ServerContext): void {
  const { connection, service } = context;

  connection.onDidOpenTextDocument(
    context.guard('didOpen', undefined, ({ textDocument }) => {
      service.openDocument(textDocument.uri, textDocument.text, textDocument.version, textDocument.languageId);
      context.matching.documentChanged(textDocument.uri);
      if (context.capabilities.pull) void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
      context.schedule(textDocument.uri);
    }),
  );

  connection.onDidChangeTextDocument(
    context.guard('didChange', undefined, ({ textDocument, contentChanges }) => {
      if (!service.changeDocument(textDocument.uri, contentChanges, textDocument.version)) return;
      context.matching.documentChanged(textDocument.uri);
      context.schedule(textDocument.uri);
    }),
  );

  connection.onDidCloseTextDocument(
    context.guard('didClose', undefined, ({ textDocument }) => {
      const { uri } = textDocument;
      context.debouncer.cancel(uri);
      context.pullResults.forget(uri);
      if (service.closeDocument(uri)) context.revalidate(uri);
      else context.clear(uri);
      context.reportSkipped();
    }),
  );

  connection.onDidChangeWatchedFiles(
    context.guard('watchedFiles', undefined, ({ changes }) => {
      for (const change of changes) {
        const kind = FILE_CHANGE[change.type];
        if (!kind || context.matching.fileChanged(change.uri)) continue;
        const known = service.hasFile(change.uri);
        const affected = service.fileChanged(change.uri, kind);
        if (known && !service.hasFile(change.uri)) context.clear(change.uri);
        context.publishAll(affected);
      }
      context.reportSkipped();
    }),
  );
}

