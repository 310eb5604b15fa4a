// Real provisioning profiles for tests: an XML plist signed into a CMS SignedData envelope with a
// throwaway key and self-signed certificate made here (nothing is downloaded, nothing is secret).
// The envelope comes from `openssl cms` when openssl is installed (independent of our reader),
// else from the small DER writer below and node:crypto; DEXT_TEST_CMS_WRITER=node forces the
// writer. Keys, certificates and signed envelopes are cached in a temp folder: the plists are
// deterministic (fixed dates unless a test asks), so a second run signs nothing.
import { execFileSync } from 'node:child_process';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Value = string | number | boolean | Date | Value[] | { [key: string]: Value };

const cacheDir = join(tmpdir(), 'dext-tools-test-profiles');

function cached(name: string, make: () => Buffer): Buffer {
  const path = join(cacheDir, name);
  if (existsSync(path)) return readFileSync(path);
  mkdirSync(cacheDir, { recursive: true });
  const bytes = make();
  // Write then rename: parallel test files never read a half-written file.
  const partial = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(partial, bytes);
  renameSync(partial, path);
  return bytes;
}

// ---------------------------------------------------------------- the plist

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** XML plist text of a value (recursive: test values are a few levels deep). */
export function plistXml(value: Value, indent = ''): string {
  const inner = indent + '\t';
  if (typeof value === 'string') return `${indent}<string>${escape(value)}</string>`;
  if (typeof value === 'boolean') return `${indent}<${value}/>`;
  if (typeof value === 'number') return `${indent}<integer>${value}</integer>`;
  if (value instanceof Date) return `${indent}<date>${value.toISOString().replace(/\.\d{3}Z$/, 'Z')}</date>`;
  if (Array.isArray(value)) return value.length ? `${indent}<array>\n${value.map((v) => plistXml(v, inner)).join('\n')}\n${indent}</array>` : `${indent}<array/>`;
  const entries = Object.entries(value);
  return entries.length ? `${indent}<dict>\n${entries.map(([k, v]) => `${inner}<key>${escape(k)}</key>\n${plistXml(v, inner)}`).join('\n')}\n${indent}</dict>` : `${indent}<dict/>`;
}

export function plistDocument(value: Value): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n${plistXml(value)}\n</plist>\n`;
}

export const TEAM = 'ABCDE12345';
export const CREATED = new Date('2025-01-01T00:00:00Z');
export const FAR_FUTURE = new Date('2099-01-01T00:00:00Z');
export const LONG_AGO = new Date('2024-01-01T00:00:00Z');

export interface ProfileSpec {
  name: string;
  team?: string;
  /** Bundle id or pattern after the team prefix, e.g. `com.example.driver` or `com.example.*`. */
  bundleId: string;
  entitlements: Record<string, Value>;
  created?: Date;
  expires?: Date;
  /** Development and ad hoc profiles list devices. */
  devices?: string[];
  provisionsAllDevices?: boolean;
  /** Adds `get-task-allow` to the Entitlements (iOS-style development or ad hoc profiles). */
  getTaskAllow?: boolean;
  platform?: 'OSX' | 'iOS';
  uuid?: string;
  /** BER indefinite lengths and a chunked OCTET STRING, as Apple's profiles are encoded. */
  indefinite?: boolean;
}

export function profilePlist(spec: ProfileSpec): string {
  const team = spec.team ?? TEAM;
  const platform = spec.platform ?? 'OSX';
  // macOS profiles spell the App ID key with the com.apple. prefix.
  const appIdKey = platform === 'OSX' ? 'com.apple.application-identifier' : 'application-identifier';
  const entitlements: Record<string, Value> = { [appIdKey]: `${team}.${spec.bundleId}`, 'com.apple.developer.team-identifier': team, 'keychain-access-groups': [`${team}.*`] };
  if (spec.getTaskAllow !== undefined) entitlements['get-task-allow'] = spec.getTaskAllow;
  Object.assign(entitlements, spec.entitlements);
  const plist: Record<string, Value> = {
    AppIDName: `${spec.name} App ID`,
    ApplicationIdentifierPrefix: [team],
    CreationDate: spec.created ?? CREATED,
    Platform: [platform],
    Entitlements: entitlements,
    ExpirationDate: spec.expires ?? FAR_FUTURE,
    Name: spec.name,
    TeamIdentifier: [team],
    TeamName: 'Example Corp',
    TimeToLive: 365,
    UUID: spec.uuid ?? uuidOf(spec.name),
    Version: 1,
  };
  if (spec.devices) plist.ProvisionedDevices = spec.devices;
  if (spec.provisionsAllDevices) plist.ProvisionsAllDevices = true;
  return plistDocument(plist);
}

function uuidOf(name: string): string {
  const h = createHash('sha256').update(name).digest('hex').toUpperCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// ---------------------------------------------------------------- the signer

interface Signer {
  key: KeyObject;
  keyPem: string;
  keyPath: string;
}

let signerCache: Signer | undefined;

function signer(): Signer {
  if (signerCache) return signerCache;
  const keyPem = cached('key.pem', () => Buffer.from(generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string)).toString();
  return (signerCache = { key: createPrivateKey(keyPem), keyPem, keyPath: join(cacheDir, 'key.pem') });
}

let opensslWorks: boolean | undefined;

/** Whether `openssl` (with `req` and `cms`) is installed; probed once. */
export function hasOpenssl(): boolean {
  if (opensslWorks !== undefined) return opensslWorks;
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    opensslCertPath();
    execFileSync('openssl', ['cms', '-help'], { stdio: 'ignore' });
    opensslWorks = true;
  } catch {
    opensslWorks = false;
  }
  return opensslWorks;
}

function opensslCertPath(): string {
  const { keyPath } = signer();
  cached('openssl-cert.pem', () => execFileSync('openssl', ['req', '-x509', '-new', '-key', keyPath, '-subj', '/CN=DEXT Tools test signer', '-days', '36500', '-sha256']));
  return join(cacheDir, 'openssl-cert.pem');
}

function signWithOpenssl(content: Buffer, indefinite: boolean): Buffer {
  const input = join(cacheDir, `in-${process.pid}-${Math.random().toString(36).slice(2)}`);
  writeFileSync(input, content);
  try {
    return execFileSync('openssl', ['cms', '-sign', '-nodetach', '-binary', '-outform', 'DER', '-in', input, '-signer', opensslCertPath(), '-inkey', signer().keyPath, ...(indefinite ? ['-stream'] : [])]);
  } finally {
    rmSync(input, { force: true });
  }
}

export type Writer = 'openssl' | 'node';

export function defaultWriter(): Writer {
  return process.env.DEXT_TEST_CMS_WRITER === 'node' || !hasOpenssl() ? 'node' : 'openssl';
}

/** Signs any content into a CMS SignedData envelope: DER, or BER with indefinite lengths. */
export function signCms(content: string | Uint8Array, options: { indefinite?: boolean; writer?: Writer } = {}): Buffer {
  const bytes = Buffer.from(content);
  const writer = options.writer ?? defaultWriter();
  const indefinite = !!options.indefinite;
  const id = createHash('sha256').update(bytes).digest('hex').slice(0, 32);
  return cached(`${writer}-${indefinite ? 'ber' : 'der'}-${id}.p7`, () => (writer === 'openssl' ? signWithOpenssl(bytes, indefinite) : signWithNode(bytes, indefinite)));
}

export function makeProfile(spec: ProfileSpec, writer?: Writer): Buffer {
  return signCms(profilePlist(spec), { indefinite: spec.indefinite, writer });
}

// ---------------------------------------------------------------- a tiny DER writer

/** Big-endian, minimal (0 is one zero octet). */
function unsignedBytes(n: number): Buffer {
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return Buffer.from(out.length ? out : [0]);
}

function lengthOctets(n: number): number[] {
  if (n < 0x80) return [n];
  const bytes = unsignedBytes(n);
  return [0x80 | bytes.length, ...bytes];
}

export const der = {
  tlv: (tag: number, ...content: Uint8Array[]): Buffer => {
    const body = Buffer.concat(content);
    return Buffer.concat([Buffer.from([tag, ...lengthOctets(body.length)]), body]);
  },
  /** BER: an indefinite length, closed by end-of-contents. */
  indefinite: (tag: number, ...content: Uint8Array[]): Buffer => Buffer.concat([Buffer.from([tag, 0x80]), ...content, Buffer.from([0, 0])]),
  seq: (...c: Uint8Array[]) => der.tlv(0x30, ...c),
  /** A DER SET OF: elements sorted by their encodings. */
  set: (...c: Buffer[]) => der.tlv(0x31, ...[...c].sort(Buffer.compare)),
  /** A non-negative INTEGER (a number, or big-endian bytes). */
  int: (n: number | Buffer): Buffer => {
    let bytes = typeof n === 'number' ? unsignedBytes(n) : n;
    if (bytes[0]! & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
    return der.tlv(0x02, bytes);
  },
  oid: (dotted: string): Buffer => {
    const [a, b, ...rest] = dotted.split('.').map(Number);
    const out = [a! * 40 + b!];
    for (const arc of rest) {
      const digits = [arc & 0x7f];
      for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) digits.unshift(0x80 | (v & 0x7f));
      out.push(...digits);
    }
    return der.tlv(0x06, Buffer.from(out));
  },
  octets: (b: Uint8Array) => der.tlv(0x04, b),
  utf8: (s: string) => der.tlv(0x0c, Buffer.from(s, 'utf8')),
  utcTime: (d: Date) => der.tlv(0x17, Buffer.from(d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z')),
  generalizedTime: (d: Date) => der.tlv(0x18, Buffer.from(d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z')),
  bits: (b: Uint8Array) => der.tlv(0x03, Buffer.from([0]), b),
  explicit: (n: number, ...c: Uint8Array[]) => der.tlv(0xa0 + n, ...c),
};

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  data: '1.2.840.113549.1.7.1',
  sha256: '2.16.840.1.101.3.4.2.1',
  ecdsaSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
};

/** A self-signed X.509 v3 certificate for the signer's key. */
function selfSignedCertificate(key: KeyObject): { cert: Buffer; issuer: Buffer; serial: Buffer } {
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  const name = der.seq(der.set(der.seq(der.oid(OID.commonName), der.utf8('DEXT Tools test signer'))));
  const serial = der.int(Buffer.from('0102030405060708', 'hex'));
  const algorithm = der.seq(der.oid(OID.ecdsaSha256));
  const tbs = der.seq(der.explicit(0, der.int(2)), serial, algorithm, name, der.seq(der.utcTime(CREATED), der.generalizedTime(new Date('2125-01-01T00:00:00Z'))), name, spki);
  const cert = der.seq(tbs, algorithm, der.bits(sign('sha256', tbs, key)));
  return { cert, issuer: name, serial };
}

/** CMS SignedData (RFC 5652) with signed attributes, as `openssl cms -sign -nodetach` makes. */
export function signWithNode(content: Uint8Array, indefinite: boolean): Buffer {
  const { key } = signer();
  const { cert, issuer, serial } = selfSignedCertificate(key);
  const digest = createHash('sha256').update(content).digest();
  const attributes = [der.seq(der.oid(OID.contentType), der.set(der.oid(OID.data))), der.seq(der.oid(OID.messageDigest), der.set(der.octets(digest)))];
  // The signature covers the attributes encoded as a SET; they are stored as [0] IMPLICIT.
  const signedAttrs = der.set(...attributes);
  const signature = sign('sha256', signedAttrs, key);
  const signerInfo = der.seq(der.int(1), der.seq(issuer, serial), der.seq(der.oid(OID.sha256)), Buffer.concat([Buffer.from([0xa0]), signedAttrs.subarray(1)]), der.seq(der.oid(OID.ecdsaSha256)), der.octets(signature));
  const version = der.int(1);
  const digestAlgorithms = der.set(der.seq(der.oid(OID.sha256)));
  const certificates = der.explicit(0, cert);
  if (!indefinite) {
    const encapsulated = der.seq(der.oid(OID.data), der.explicit(0, der.octets(content)));
    return der.seq(der.oid(OID.signedData), der.explicit(0, der.seq(version, digestAlgorithms, encapsulated, certificates, der.set(signerInfo))));
  }
  // Apple's encoding: indefinite lengths down to a constructed OCTET STRING of 1000-byte chunks.
  const chunks: Buffer[] = [];
  for (let i = 0; i < content.length; i += 1000) chunks.push(der.octets(content.subarray(i, i + 1000)));
  const encapsulated = der.indefinite(0x30, der.oid(OID.data), der.indefinite(0xa0, der.indefinite(0x24, ...chunks)));
  return der.indefinite(0x30, der.oid(OID.signedData), der.indefinite(0xa0, der.indefinite(0x30, version, digestAlgorithms, encapsulated, certificates, der.set(signerInfo))));
}
