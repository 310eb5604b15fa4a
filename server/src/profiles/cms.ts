// The encapsulated content of a CMS (PKCS#7) SignedData envelope: the plist inside a
// provisioning profile. No signature verification: the checks only read what the profile allows.
import { childrenOf, DerError, octetsOf, oidOf, readElement } from './der';

const SIGNED_DATA = '1.2.840.113549.1.7.2';

export function cmsContent(bytes: Uint8Array): { ok: true; content: Uint8Array } | { ok: false; error: string } {
  try {
    if (!bytes.length) return { ok: false, error: 'the file is empty' };
    if (bytes[0] !== 0x30) return { ok: false, error: 'not a CMS envelope (it does not start with an ASN.1 SEQUENCE)' };
    const info = readElement(bytes, 0);
    const [type, wrapped] = childrenOf(bytes, info);
    if (type?.tag !== 0x06 || oidOf(bytes, type) !== SIGNED_DATA) return { ok: false, error: 'not a CMS SignedData envelope' };
    if (wrapped?.tag !== 0xa0) return { ok: false, error: 'the SignedData envelope has no content' };
    const signedData = childrenOf(bytes, wrapped)[0];
    if (signedData?.tag !== 0x30) return { ok: false, error: 'malformed SignedData' };
    const encapsulated = childrenOf(bytes, signedData).find((c, i) => i >= 2 && c.tag === 0x30);
    const explicit = encapsulated ? childrenOf(bytes, encapsulated).find((c) => c.tag === 0xa0) : undefined;
    const octets = explicit ? childrenOf(bytes, explicit)[0] : undefined;
    if (!octets || (octets.tag & 0x1f) !== 0x04) return { ok: false, error: 'the SignedData envelope carries no content (a detached signature?)' };
    return { ok: true, content: octetsOf(bytes, octets) };
  } catch (error) {
    return { ok: false, error: error instanceof DerError ? error.message : `unreadable envelope (${String(error)})` };
  }
}
