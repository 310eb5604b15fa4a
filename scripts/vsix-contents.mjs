// What the VSIX may hold, and a reader for its file list (a VSIX is a zip: the central directory
// at its end names every entry). Shared by scripts/package-vsix.mjs and its test.
import { inflateRawSync } from 'node:zlib';

/** Extension files (paths inside `extension/`) the package is allowed to ship. */
export const ALLOWED_EXTENSION_FILES = [
  /^package\.json$/,
  /^readme\.md$/i,
  /^changelog\.md$/i,
  /^LICENSE(\.txt)?$/i,
  /^images\/[\w.-]+\.png$/,
  // The extension runs the client and the server; the CLI bundle (dist/cli.js) is the npm package's.
  /^dist\/(client|server)\.js$/,
  /^schemas\/[\w./-]+\.(json|jsonc|md)$/,
  /^docs\/rules\/[\w-]+\.md$/,
  /^snippets\/[\w-]+\.code-snippets$/,
  /^syntaxes\/[\w.-]+\.tmLanguage\.json$/,
  /^language-configuration\/[\w-]+\.json$/,
];

/** Files every package must hold. */
export const REQUIRED_EXTENSION_FILES = [
  'package.json',
  'readme.md',
  'changelog.md',
  'LICENSE.txt',
  'images/icon.png',
  'dist/client.js',
  'dist/server.js',
  'snippets/plist.code-snippets',
  'snippets/iig.code-snippets',
  'snippets/cpp.code-snippets',
  'syntaxes/iig.tmLanguage.json',
  'syntaxes/driverkit-log.tmLanguage.json',
  'language-configuration/iig.json',
  'language-configuration/driverkit-log.json',
];

/** The VSIX's own metadata files, outside `extension/`. */
export const VSIX_METADATA = ['extension.vsixmanifest', '[Content_Types].xml'];

/** Entries of a zip file: name, sizes, and a way to read the data. */
export function readZip(buffer) {
  const EOCD = 0x06054b50;
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 0xffff); i--) {
    if (buffer.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file: no end of central directory');
  const count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buffer.readUInt32LE(offset) !== 0x02014b50) throw new Error(`bad central directory entry ${n}`);
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const size = buffer.readUInt32LE(offset + 24);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const localOffset = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    entries.push({
      name,
      size,
      compressedSize,
      read() {
        const localNameLength = buffer.readUInt16LE(localOffset + 26);
        const localExtraLength = buffer.readUInt16LE(localOffset + 28);
        const start = localOffset + 30 + localNameLength + localExtraLength;
        const data = buffer.subarray(start, start + compressedSize);
        if (method === 0) return Buffer.from(data);
        if (method === 8) return inflateRawSync(data);
        throw new Error(`${name}: unsupported compression method ${method}`);
      },
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Problems with a VSIX's file list: files it must not ship, files it lacks. */
export function checkVsixEntries(names) {
  const problems = [];
  const extensionFiles = [];
  for (const name of names) {
    if (VSIX_METADATA.includes(name)) continue;
    if (!name.startsWith('extension/')) {
      problems.push(`unexpected entry outside extension/: ${name}`);
      continue;
    }
    const path = name.slice('extension/'.length);
    extensionFiles.push(path);
    if (!ALLOWED_EXTENSION_FILES.some((re) => re.test(path))) problems.push(`must not ship: ${path}`);
  }
  for (const required of REQUIRED_EXTENSION_FILES) {
    if (!extensionFiles.some((p) => p.toLowerCase() === required.toLowerCase())) problems.push(`missing: ${required}`);
  }
  return problems;
}
