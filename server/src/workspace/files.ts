// One file of the workspace: its text, version, and parse results cached per version, so a
// keystroke re-parses only the file that changed and every rule reads the same parse.
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { parsePlist, parsePlistBytes } from '../plist';
import { reparsePlist, type PlistEdit } from '../plist/incremental';
import type { PlistDocument } from '../plist/types';
import { textEdit, composeEdits } from './text-edits';
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
  | 'source';

export const PLIST_KINDS: readonly FileKind[] = ['dext-entitlements', 'app-entitlements', 'dext-info-plist', 'plist'];
export const ENTITLEMENT_KINDS: readonly FileKind[] = ['dext-entitlements', 'app-entitlements'];

/** The kind a file has from its name alone; plists are refined by content and targets later. */
export type NameKind = 'entitlements' | 'plist' | 'iig' | 'cpp' | 'pbxproj' | 'profile' | 'log' | 'source' | 'config' | undefined;

export function kindFromName(path: string): NameKind {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const lower = name.toLowerCase();
  if (lower === 'project.pbxproj') return 'pbxproj';
  if (lower === '.dextlintrc.json') return 'config';
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
  /**
   * The plist tree of an earlier version and the edit from its text to the current one, while the
   * current tree has not been asked for: the next `plist` re-reads only what the edit touched.
   */
  private plistBefore: PlistDocument | undefined;
  private plistEdit: PlistEdit | undefined;

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

  /**
   * Replaces the whole text. Text files are diffed against the current text (common prefix and
   * suffix) and changed as if the editor had sent that one edit: editors that send whole documents,
   * and files re-read from disk, then cost what the edit touched (line index and plist tree).
   */
  update(text: string, version: number, bytes?: Uint8Array): void {
    if (bytes || this._bytes) {
      this._document = TextDocument.create(this.uri, '', version, text);
      this._bytes = bytes;
      this.plistBefore = this.plistEdit = undefined;
      this.cache.clear();
      return;
    }
    this.applyChanges([{ text }], version);
  }

  /**
   * Applies an editor's changes in place: the document keeps its line index and updates only
   * the changed lines, where a new document would index the whole text again (twice per
   * keystroke on a 1 MB plist, with the copy the changes were applied to). A whole-document
   * change is first reduced to the edit it makes.
   */
  applyChanges(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    const before = this.cache.get('plist') as PlistDocument | undefined;
    if (before !== undefined && !this._bytes) {
      this.plistBefore = before;
      this.plistEdit = undefined;
    }
    const keepsTree = this.plistBefore !== undefined && !this._bytes;
    for (const change of changes) {
      const { edit, incremental } = textEdit(this._document, change);
      TextDocument.update(this._document, [incremental], version);
      if (keepsTree) this.plistEdit = this.plistEdit ? composeEdits(this.plistEdit, edit) : edit;
    }
    if (!keepsTree) this.plistBefore = this.plistEdit = undefined;
    // Versions of a file can change without any change event (a re-opened document).
    if (!changes.length) TextDocument.update(this._document, [], version);
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

  /** The plist tree (XML or binary) for plist-like files: re-read where it changed, when an earlier tree is kept. */
  get plist(): PlistDocument {
    return this.parsed('plist', (file) => {
      if (file.bytes) return parsePlistBytes(file.bytes);
      const before = file.plistBefore;
      const edit = file.plistEdit;
      file.plistBefore = file.plistEdit = undefined;
      return before && edit ? reparsePlist(before, file.text, edit) : before && !edit ? before : parsePlist(file.text);
    });
  }
}
