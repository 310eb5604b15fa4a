// The plist tree an editor needs: every node carries offsets into the decoded text (UTF-16 code
// units, as JavaScript strings and LSP count), so rules, hover and fixes can point at exact spans.

/** A half-open span [start, end) of offsets in the document text. */
export interface Span {
  start: number;
  end: number;
}

export type PlistKind = 'dict' | 'array' | 'string' | 'integer' | 'real' | 'true' | 'false' | 'date' | 'data';

interface NodeBase extends Span {
  /** Start of the text between the open and close tags (`inner.start`). */
  innerStart: number;
  /** End of the text between the open and close tags (`inner.end`). */
  innerEnd: number;
  /** Span of the text between the open and close tags (empty span for `<true/>` etc.). */
  readonly inner: Span;
  /** The dict entry this node is the value of, else the array (or dict) holding it; set by the parser. */
  owner: PlistEntry | PlistDict | PlistArray | undefined;
  /** The containing dict or array; undefined for the root. */
  readonly parent?: PlistDict | PlistArray;
  /** The dict entry this node is the value of, if any. */
  readonly entry?: PlistEntry;
}

export interface PlistDict extends NodeBase {
  kind: 'dict';
  entries: PlistEntry[];
}

export interface PlistArray extends NodeBase {
  kind: 'array';
  items: PlistNode[];
}

export interface PlistScalar extends NodeBase {
  kind: 'string' | 'integer' | 'real' | 'true' | 'false' | 'date' | 'data';
  /** Decoded text content (entities resolved), e.g. `0x781` for `<integer>0x781</integer>`. */
  text: string;
  /**
   * The value: string for string/date(ISO text)/data(base64 text, whitespace removed),
   * number (or bigint beyond 2^53) for integer, number for real, boolean for true/false.
   * undefined when the text does not parse (the parser reported `plist-value`).
   */
  value: string | number | bigint | boolean | undefined;
}

export type PlistNode = PlistDict | PlistArray | PlistScalar;

/** One `<key>…</key>` followed by its value inside a dict. */
export interface PlistEntry {
  /** Start of the `<key>` element. */
  start: number;
  /** End of the value, or of the `<key>` element when there is no value. */
  readonly end: number;
  key: string;
  /** End of the `<key>…</key>` element (it starts at `start`). */
  keyEnd: number;
  /** Span of the key's text between the tags, as numbers (`keyInner`). */
  keyInnerStart: number;
  keyInnerEnd: number;
  /** Span of the whole `<key>…</key>` element. */
  readonly keySpan: Span;
  /** Span of the key's text between the tags. */
  readonly keyInner: Span;
  /** The value; undefined when the key has no value (half-typed). */
  value?: PlistNode;
  dict: PlistDict;
}

export interface PlistComment extends Span {
  /** Text between `<!--` and `-->`. */
  text: string;
}

export type PlistProblemCode = 'plist-syntax' | 'plist-value' | 'binary-plist';

/** A problem found while parsing; rules turn these into diagnostics. */
export interface PlistProblem extends Span {
  code: PlistProblemCode;
  message: string;
  /** A safe minimal fix, when there is one (e.g. `&` → `&amp;`, insert a missing close tag). */
  fix?: { title: string; edits: { start: number; end: number; newText: string }[] };
}

export interface PlistDocument {
  /** The top-level value inside `<plist>`; undefined when there is none. */
  root?: PlistNode;
  /** Span of the `<plist …>` element, if present. */
  plistElement?: Span;
  comments: PlistComment[];
  problems: PlistProblem[];
  /** True when decoded from a binary (`bplist00`) plist: spans are all 0. */
  binary: boolean;
}
