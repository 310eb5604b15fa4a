// The language client: starts the bundled server over IPC (default restart policy), with the
// document selector of exactly what the server serves.
import { workspace, type ExtensionContext, type LogOutputChannel } from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type DocumentSelector,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import type { DextSettingsSection } from '../../protocol/protocol';

/** Schemes whose documents have a path the server can classify by name. */
const PATH_SCHEMES = ['file', 'vscode-vfs'];

/** Files the server serves, by name (it decides from content which plists are DriverKit ones). */
const SERVED_PATTERNS = [
  '**/*.entitlements',
  '**/*.plist', // Info.plist, entitlements.plist, any plist: classified by content
  '**/*.plist.in',
  '**/*.iig',
  '**/*.{cpp,cc,cxx,c,h,hpp,hh,hxx}', // validated only next to .iig files (dext folders)
  '**/project.pbxproj',
  '**/*.xcconfig', // build settings read into the targets
  '**/project.{yml,yaml}', // XcodeGen specs, read like a project file (the files they include are read from disk)
  '**/*.{provisionprofile,mobileprovision}',
  '**/*.dextlog',
];

export const documentSelector: DocumentSelector = [
  ...PATH_SCHEMES.flatMap((scheme) => SERVED_PATTERNS.map((pattern) => ({ scheme, pattern }))),
  // Languages, so untitled documents (a pasted log, a new .iig) are served too.
  { language: 'iig' },
  { language: 'driverkit-log' },
  { language: 'log', pattern: '**/*.log' },
  // Swift / Objective-C host-app sources: hover only (IOReturn codes).
  ...['swift', 'objective-c', 'objective-cpp'].map((language) => ({ scheme: 'file', language })),
];

/**
 * The `dext` settings section as VS Code holds it, sent at initialisation so the first diagnostics
 * already honour them; the server reads it with the shared `readSettings`, as it reads later pulls.
 */
function currentSettings(): DextSettingsSection {
  const config = workspace.getConfiguration('dext');
  return { rules: config.get('rules'), profiles: config.get('profiles'), validate: { enable: config.get('validate.enable') }, matching: { dumps: config.get('matching.dumps') } };
}

export function createLanguageClient(context: ExtensionContext, outputChannel: LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel,
    // `dext.trace.server` is read by the client from its id, `dext`.
    synchronize: { configurationSection: 'dext' },
    initializationOptions: { settings: currentSettings() },
    markdown: { isTrusted: { enabledCommands: ['dext.openLocation', 'dext.showRuleDocumentation'] }, supportHtml: false },
  };
  return new LanguageClient('dext', 'DEXT Language Server', serverOptions, clientOptions);
}
