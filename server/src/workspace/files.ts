// One file of the workspace: its text, version, and parse results cached per version, so a
// keystroke re-parses only the file that changed and every rule reads the same parse.
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { parsePlist, parsePlistBytes } from '../plist';
import { reparsePlist, type PlistEdit, type Reparsed, type TextSource, type TreeSplice } from '../plist/incremental';
import { ChunkedDocument } from './document';
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
  | 'source'
  /** Xcode configuration settings files, read into the targets' build settings. */
  | 'xcconfig'
  /** Build descriptions we do not read (Tuist Project.swift, Package.swift, CMakeLists.txt). */
  | 'manifest'
  /** XcodeGen specs (`project.yml`, `project.yaml`): read into the targets like a project file. */
  | 'xcodegen'
  /** Other YAML files: read only when an XcodeGen spec `include:`s them. */
  | 'yaml'
  /** `.dextlintrc.json`: read for severities and profile paths; checked for the paths it names that cannot be read. */
  | 'config';

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
  private _document: ChunkedDocument;
  private _bytes: Uint8Array | undefined;
  private readonly cache = new Map<string, unknown>();
  /**
   * The plist tree of an earlier version and the edit from its text to the current one, while the
   * current tree has not been asked for: the next `plist` re-reads only what the edit touched.
   */
  private plistBefore: PlistDocument | undefined;
  private plistEdit: PlistEdit | undefined;
  /** Whether every edit since the tree was last read was plain (see `isPlainEdit`). */
  private plainEdits = true;
  /**
   * How the tree changed from one read to the next, oldest first, complete from revision
   * `treeChangesFrom` on: what lets validation keep the reports of rules whose inputs are
   * outside every change (validation.ts). Bounded: older readers re-run their rules.
   */
  private treeChanges: TreeChange[] = [];
  private treeChangesFrom = Infinity;
  private _revision = 0;

  constructor(uri: string, text: string, version: number, bytes?: Uint8Array, languageId?: string) {
    this.uri = uri;
    this.path = uriToPath(uri);
    this.nameKind = kindOfDocument(this.path, languageId);
    this._document = new ChunkedDocument(uri, '', version, text);
    this._bytes = bytes;
  }

  /** The text with its line index (chunked: see document.ts). */
  get document(): ChunkedDocument {
    return this._document;
  }
  /** The whole text, joined from the document's chunks once per version (a keystroke's own reads take `textOf`). */
  get text(): string {
    return this._document.getText();
  }
  /** The text of [start, end), without making the whole text. */
  textOf(start: number, end: number): string {
    return this._document.slice(start, end);
  }
  get version(): number {
    return this._document.version;
  }
  /** Raw bytes when the file was read from disk and is not plain text (binary plist, profile). */
  get bytes(): Uint8Array | undefined {
    return this._bytes;
  }
  /** Counts the changes of the file: unlike `version` (0 again for each read from disk), it only grows. */
  get revision(): number {
    return this._revision;
  }

  /**
   * Replaces the whole text. Text files are diffed against the current text (common prefix and
   * suffix) and changed as if the editor had sent that one edit: editors that send whole documents,
   * and files re-read from disk, then cost what the edit touched (line index and plist tree).
   */
  update(text: string, version: number, bytes?: Uint8Array): void {
    if (bytes || this._bytes) {
      this._document = new ChunkedDocument(this.uri, '', version, text);
      this._bytes = bytes;
      this.plistBefore = this.plistEdit = undefined;
      this.treeChanges = [];
      this.treeChangesFrom = Infinity;
      this._revision++;
      this.cache.clear();
      return;
    }
    this.applyChanges([{ text }], version);
  }

  /**
   * Applies an editor's changes in place: the document keeps its line index and updates only
   * the changed lines, where a new document would index the whole text again (twice per
   * keystroke on a 1 MB plist, with the copy the changes were applied to). A whole-document
   * change is first reduced to the edit it makes; its text is then kept as it came.
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
      if (this.plainEdits) this.plainEdits = isPlainEdit(this._document, edit, incremental.text);
      if ('range' in change) this._document.update([incremental], version);
      else this._document.replace(change.text, edit.start, edit.end, edit.newLength, version);
      if (keepsTree) this.plistEdit = this.plistEdit ? composeEdits(this.plistEdit, edit) : edit;
    }
    if (!keepsTree) this.plistBefore = this.plistEdit = undefined;
    // Versions of a file can change without any change event (a re-opened document).
    if (!changes.length) this._document.update([], version);
    this._bytes = undefined;
    this._revision++;
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

  /**
   * Forgets the parses of this version, but those `keep` names (small facts others ask for), and
   * the earlier tree an edit would be re-read from: the next reader parses the text again.
   */
  dropParses(keep: ReadonlySet<string>): void {
    for (const key of [...this.cache.keys()]) if (!keep.has(key)) this.cache.delete(key);
    this.plistBefore = this.plistEdit = undefined;
  }

  /** The plist tree (XML or binary) for plist-like files: re-read where it changed, when an earlier tree is kept. */
  get plist(): PlistDocument {
    return this.parsed('plist', (file) => file.readPlist());
  }

  private readPlist(): PlistDocument {
    const before = this.plistBefore;
    const edit = this.plistEdit;
    this.plistBefore = this.plistEdit = undefined;
    if (this._bytes) return parsePlistBytes(this._bytes);
    if (before && !edit) return before;
    const reparsed: Reparsed = before && edit ? reparsePlist(before, this.source(), edit) : { document: parsePlist(this.text), outcome: 'full', shiftFrom: 0, delta: 0 };
    const known = before !== undefined && this.treeChangesFrom !== Infinity;
    if (!known || this.treeChanges.length >= MAX_TREE_CHANGES) {
      // The log starts again: a reader of an earlier version cannot tell what changed.
      this.treeChanges = [];
      this.treeChangesFrom = this._revision;
    } else if (reparsed.outcome !== 'unchanged') {
      this.treeChanges.push({ revision: this._revision, withinRootKey: reparsed.withinRootKey, shiftFrom: reparsed.shiftFrom, delta: reparsed.delta, plain: this.plainEdits, edit: edit!, splice: reparsed.splice });
    }
    this.plainEdits = true;
    return reparsed.document;
  }

  /** The text as the re-parse reads it: slices where it splices, the whole text when it parses whole. */
  private source(): TextSource {
    const file = this;
    return {
      slice: (start, end) => file.textOf(start, end),
      get whole() {
        return file.text;
      },
    };
  }

  /**
   * The changes of the plist tree after `revision` (one whose tree was read), oldest first;
   * undefined when they are not known (too old, never read, re-read from bytes).
   */
  plistChangesSince(revision: number): readonly TreeChange[] | undefined {
    void this.plist;
    if (revision < this.treeChangesFrom) return undefined;
    return this.treeChanges.filter((c) => c.revision > revision);
  }
}

/** The changes of the tree a file keeps, per read (`plistChangesSince`). */
const MAX_TREE_CHANGES = 64;

export interface TreeChange {
  /** The file's revision whose read made the change. */
  revision: number;
  /** The root entry whose value held everything that changed; undefined: anything may have. */
  withinRootKey: string | undefined;
  /** Offsets at or after `shiftFrom` (before the change) moved by `delta`. */
  shiftFrom: number;
  delta: number;
  /**
   * Whether the edits neither removed nor inserted blanks or line breaks, nor touched the blanks
   * that start a line: the text's layout (indentation unit, line ending, each line's indentation)
   * is the same, which quick fixes read.
   */
  plain: boolean;
  /** The text's edit: [start, end) of the text before it became `newLength` characters. */
  edit: PlistEdit;
  /** Where the tree changed, when a splice changed it (else it was read whole: anything may have). */
  splice?: TreeSplice;
}

const isBlankOrBreak = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** See `TreeChange.plain`; `document` is before the edit (read around the edit only). */
function isPlainEdit(document: ChunkedDocument, edit: PlistEdit, inserted: string): boolean {
  const removed = document.slice(edit.start, edit.end);
  for (let i = 0; i < removed.length; i++) if (isBlankOrBreak(removed.charCodeAt(i))) return false;
  for (let i = 0; i < inserted.length; i++) if (isBlankOrBreak(inserted.charCodeAt(i))) return false;
  // Only blanks between the line's start and the edit: the edit is at the line's indentation.
  for (let i = edit.start; i > 0; i--) {
    const c = document.charCodeAt(i - 1);
    if (c === 10 || c === 13) return false;
    if (c !== 32 && c !== 9) return true;
  }
  return false;
}
