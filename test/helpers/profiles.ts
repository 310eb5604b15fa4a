// Real provisioning profiles for tests: an XML plist signed into a CMS SignedData envelope by
// openssl with a throwaway self-signed certificate made here (nothing is downloaded).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Value = string | number | boolean | Date | Value[] | { [key: string]: Value };

let keys: { dir: string; cert: string; key: string } | undefined;

function signer() {
  if (keys) return keys;
  const dir = mkdtempSync(join(tmpdir(), 'dext-profile-keys-'));
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=DEXT Tools test signer', '-days', '2', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  return (keys = { dir, cert, key });
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function xml(value: Value, indent = ''): string {
  const inner = indent + '\t';
  if (typeof value === 'string') return `${indent}<string>${escape(value)}</string>`;
  if (typeof value === 'boolean') return `${indent}<${value}/>`;
  if (typeof value === 'number') return `${indent}<integer>${value}</integer>`;
  if (value instanceof Date) return `${indent}<date>${value.toISOString().replace(/\.\d{3}Z$/, 'Z')}</date>`;
  if (Array.isArray(value)) return `${indent}<array>\n${value.map((v) => xml(v, inner)).join('\n')}\n${indent}</array>`;
  return `${indent}<dict>\n${Object.entries(value).map(([k, v]) => `${inner}<key>${escape(k)}</key>\n${xml(v, inner)}`).join('\n')}\n${indent}</dict>`;
}

export interface ProfileSpec {
  name: string;
  team?: string;
  /** Bundle id or pattern after the team prefix, e.g. `com.example.driver` or `com.example.*`. */
  bundleId: string;
  entitlements: Record<string, Value>;
  created?: Date;
  expires?: Date;
  devices?: string[];
  /** BER indefinite-length encoding, as Apple's profiles use (`openssl cms -stream`). */
  indefinite?: boolean;
}

export function profilePlist(spec: ProfileSpec): string {
  const team = spec.team ?? 'ABCDE12345';
  const day = 86_400_000;
  const plist: Record<string, Value> = {
    AppIDName: spec.name,
    CreationDate: spec.created ?? new Date(Date.now() - day),
    Entitlements: { 'application-identifier': `${team}.${spec.bundleId}`, 'com.apple.developer.team-identifier': team, ...spec.entitlements },
    ExpirationDate: spec.expires ?? new Date(Date.now() + 300 * day),
    Name: spec.name,
    Platform: ['OSX'],
    TeamIdentifier: [team],
    UUID: '00000000-0000-4000-8000-' + String(Math.abs(hash(spec.name))).padStart(12, '0').slice(0, 12),
    Version: 1,
  };
  if (spec.devices) plist.ProvisionedDevices = spec.devices;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n${xml(plist)}\n</plist>\n`;
}

function hash(s: string): number {
  let h = 7;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) | 0;
  return h;
}

/** Signs any content into a CMS SignedData envelope (DER, or BER with `indefinite`). */
export function signCms(content: string | Buffer, indefinite = false): Buffer {
  const { dir, cert, key } = signer();
  const input = join(dir, `in-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const output = `${input}.p7`;
  writeFileSync(input, content);
  execFileSync('openssl', ['cms', '-sign', '-nodetach', '-binary', '-outform', 'DER', '-in', input, '-signer', cert, '-inkey', key, '-out', output, ...(indefinite ? ['-stream'] : [])], { stdio: 'ignore' });
  return readFileSync(output);
}

export function makeProfile(spec: ProfileSpec): Buffer {
  return signCms(profilePlist(spec), spec.indefinite);
}
