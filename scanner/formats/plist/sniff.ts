// Property lists and provisioning profiles by their first bytes (and name): asked before the plist reader's
// modules load.
export function isBinaryPlist(head: Buffer): boolean {
  return head.length >= 8 && head.toString('latin1', 0, 8) === 'bplist00';
}

export function isXmlPlist(head: Buffer): boolean {
  const text = head.toString('utf8', 0, Math.min(head.length, 1024)).replace(/^\uFEFF/, '').trimStart();
  return text.startsWith('<') && /<!DOCTYPE\s+plist|<plist[\s>]/.test(text);
}

/** An XML or binary property list. */
export function isPlist(head: Buffer): boolean {
  return isBinaryPlist(head) || isXmlPlist(head);
}

/** DER SEQUENCE holding the PKCS#7 signedData OID 1.2.840.113549.1.7.2, as provisioning profiles start. */
const SIGNED_DATA_OID = Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]);

export function isMobileProvision(head: Buffer, path: string): boolean {
  return (
    /\.(mobileprovision|provisionprofile)$/i.test(path) &&
    head[0] === 0x30 &&
    head.subarray(0, 32).indexOf(SIGNED_DATA_OID) >= 0
  );
}
