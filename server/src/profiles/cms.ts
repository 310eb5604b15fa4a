// The encapsulated content of a CMS (PKCS#7) SignedData envelope: the plist inside a provisioning
// profile. No signature verification: the checks only read what the profile allows.
//   ContentInfo ::= SEQUENCE { contentType OID (signedData), content [0] EXPLICIT SignedData }
//   SignedData  ::= SEQUENCE { version INTEGER, digestAlgorithms SET, encapContentInfo, … }
//   encapContentInfo ::= SEQUENCE { eContentType OID, eContent [0] EXPLICIT OCTET STRING OPTIONAL }
import { DerError, DerReader, isOctetString, type DerElement } from './der';

const SIGNED_DATA = '1.2.840.113549.1.7.2';

export type CmsContent = { ok: true; content: Uint8Array } | { ok: false; error: string };

const fail = (error: string): CmsContent => ({ ok: false, error });

/** A few words on what the file is instead, for the message. */
/**
 * What kind of file the bytes look like, never the bytes themselves: a profile path can name any
 * file (a token, /etc/passwd), and a diagnostic must not quote it.
 */
function whatItStartsWith(bytes: Uint8Array): string {
  const head = bytes.subarray(0, 512);
  const printable = head.every((b) => (b >= 0x20 && b < 0x7f) || b === 0x09 || b === 0x0a || b === 0x0d || b >= 0x80);
  if (!printable) return 'binary data';
  const start = Buffer.from(head).toString('latin1').trimStart().slice(0, 64).toLowerCase();
  if (start.startsWith('<!doctype html') || start.startsWith('<html')) return 'HTML';
  if (start.startsWith('<?xml') || start.startsWith('<plist')) return 'XML text (an unsigned plist?)';
  return 'text';
}

export function cmsContent(bytes: Uint8Array): CmsContent {
  if (!bytes.length) return fail('the file is empty');
  if (bytes[0] !== 0x30) return fail(`not a CMS envelope: the file starts with ${whatItStartsWith(bytes)}, not an ASN.1 SEQUENCE`);
  try {
    const der = new DerReader(bytes);
    // Reading the outermost element checks that the whole envelope is in the file (not truncated).
    const info = der.element(0);
    const [type, explicit] = der.children(info);
    if (type?.tag !== 0x06) return fail('not a CMS envelope: no content type');
    const contentType = der.oid(type);
    if (contentType !== SIGNED_DATA) return fail(`not a CMS SignedData envelope (content type ${contentType})`);
    const signedData = explicit?.tag === 0xa0 ? der.children(explicit)[0] : undefined;
    if (signedData?.tag !== 0x30) return fail('malformed SignedData: the envelope has no SignedData sequence');
    const [version, digests, encapsulated] = der.children(signedData);
    if (version?.tag !== 0x02 || digests?.tag !== 0x31 || encapsulated?.tag !== 0x30) {
      return fail('malformed SignedData: expected version, digest algorithms and encapsulated content');
    }
    const [eContentType, eContent] = der.children(encapsulated);
    if (eContentType?.tag !== 0x06) return fail('malformed SignedData: the encapsulated content has no type');
    if (!eContent) return fail('the envelope carries no content (a detached signature)');
    const octets: DerElement | undefined = eContent.tag === 0xa0 ? der.children(eContent)[0] : undefined;
    if (!octets || !isOctetString(octets)) return fail('malformed SignedData: the encapsulated content is not an OCTET STRING');
    return { ok: true, content: der.octets(octets) };
  } catch (error) {
    if (error instanceof DerError) return fail(error.message);
    throw error;
  }
}
