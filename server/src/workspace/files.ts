// One file of the workspace: its text, version, and parse results cached per version, so a
// keystroke re-parses only the file that changed and every rule reads the same parse.
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { parsePlist, parsePlistBytes } from '../plist';
import type { PlistDocument } from '../plist/types';
import { uriToPath } from './uri';

/**
 * What a file is, decided from its name, its content and the Xcode targets (driverkit.md §1),
 * never from user configuration.
 */
export type FileKind =
  | 'dext-entitlements'
  | 'app-entitlements'
  | 'dext-info-plist'
  | 'plist'
  | 'iig'
  | 'cpp'
  | 'pbxproj'
  | 'profile'
  | 'log'
  /** Swift / Objective-C sources: served for hover only (error codes). */
  | 'source'
  /** Xcode configuration settings files, read into the targets' build settings. */
  | 'xcconfig'
  /** Build descriptions we do not read (Tuist Project.swift, Package.swift, CMakeLists.txt). */
  | 'manifest'
  /** XcodeGen specs (`project.yml`, `project.yaml`): read into the targets like a project file. */
  | 'xcodegen'
  /** Other YAML files: read only when an XcodeGen spec `include:`s them. */
  | 'yaml';

export const PLIST_KINDS: readonly FileKind[] = ['dext-entitlements', 'app-entitlements', 'dext-info-plist', 'plist'];
export const ENTITLEMENT_KINDS: readonly FileKind[] = ['dext-entitlements', 'app-entitlements'];

/** The kind a file has from its name alone; plists are refined by content and targets later. */
export type NameKind = 'entitlements' | 'plist' | 'iig' | 'cpp' | 'pbxproj' | 'profile' | 'log' | 'source' | 'config' | 'xcconfig' | 'manifest' | 'xcodegen' | 'yaml' | undefined;

/** Build descriptions of other tools, by file name: noticed so the user is told they are not read. */
const MANIFESTS = new Set(['project.swift', 'package.swift', 'cmakelists.txt']);

export function kindFromName(path: string): NameKind {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const lower = name.toLowerCase();
  if (lower === 'project.pbxproj') return 'pbxproj';
  if (lower === '.dextlintrc.json') return 'config';
  if (lower.endsWith('.xcconfig')) return 'xcconfig';
  if (MANIFESTS.has(lower)) return 'manifest';
  // XcodeGen reads `project.yml` by default; the files a spec includes may have any YAML name.
  if (lower === 'project.yml' || lower === 'project.yaml') return 'xcodegen';
  if (lower.endsWith('.yml') || lower.endsWith('.yaml')) return 'yaml';
  if (lower.endsWith('.entitlements')) return 'entitlements';
  if (lower.endsWith('.plist') || lower.endsWith('.plist.in')) {
    return lower === 'entitlements.plist' || lower.endsWith('.entitlements.plist') ? 'entitlements' : 'plist';
  }
  if (lower.endsWith('.iig')) return 'iig';
  if (/\.(cpp|cc|cxx|c|h|hpp|hh|hxx)$/.test(lower)) return 'cpp';
  if (lower.endsWith('.provisionprofile') || lower.endsWith('.mobileprovision')) return 'profile';
  if (lower.endsWith('.log') || lower.endsWith('.dextlog')) return 'log';
  if (/\.(swift|m|mm)$/.test(lower)) return 'source';
  return undefined;
}

/** Editors name a document's language; untitled documents have nothing else to go by. */
const KIND_BY_LANGUAGE: Record<string, NameKind> = {
  'driverkit-log': 'log',
  iig: 'iig',
  swift: 'source',
  'objective-c': 'source',
  'objective-cpp': 'source',
};

export function kindOfDocument(path: string, languageId?: string): NameKind {
  return kindFromName(path) ?? (languageId ? KIND_BY_LANGUAGE[languageId] : undefined);
}

export class WorkspaceFile {
  readonly uri: string;
  /** File-system path (for file: URIs) or the URI itself. */
  readonly path: string;
  readonly nameKind: NameKind;
  private _document: TextDocument;
  private _bytes: Uint8Array | undefined;
  private readonly cache = new Map<string, unknown>();

  constructor(uri: string, text: string, version: number, bytes?: Uint8Array, languageId?: string) {
    this.uri = uri;
    this.path = uriToPath(uri);
    this.nameKind = kindOfDocument(this.path, languageId);
    this._document = TextDocument.create(uri, '', version, text);
    this._bytes = bytes;
  }

  get document(): TextDocument {
    return this._document;
  }
  get text(): string {
    return this._document.getText();
  }
  get version(): number {
    return this._document.version;
  }
  /** Raw bytes when the file was read from disk and is not plain text (binary plist, profile). */
  get bytes(): Uint8Array | undefined {
    return this._bytes;
  }

  update(text: string, version: number, bytes?: Uint8Array): void {
    this._document = TextDocument.create(this.uri, '', version, text);
    this._bytes = bytes;
    this.cache.clear();
  }

  /**
   * Applies an editor's changes in place: the document keeps its line index and updates only
   * the changed lines, where a new document would index the whole text again (twice per
   * keystroke on a 1 MB plist, with the copy the changes were applied to).
   */
  applyChanges(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    TextDocument.update(this._document, changes as TextDocumentContentChangeEvent[], version);
    this._bytes = undefined;
    this.cache.clear();
  }

  /** A parse result cached until the file changes. `key` names the parser. */
  parsed<T>(key: string, parse: (file: WorkspaceFile) => T): T {
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const value = parse(this);
    this.cache.set(key, value);
    return value;
  }

  /** Whether the `key` parse of this version is already cached. */
  hasParsed(key: string): boolean {
    return this.cache.has(key);
  }

  /** The plist tree (XML or binary) for plist-like files. */
  get plist(): PlistDocument {
    return this.parsed('plist', (file) => (file.bytes ? parsePlistBytes(file.bytes) : parsePlist(file.text)));
  }
}
