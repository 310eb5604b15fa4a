// Which DriverKit personalities drive PCI bridges for certain: an `IOPCIClassMatch` term that fixes
// the base class and subclass to one whose devices have a bridge configuration header (type 1 or
// 2). IOPCIFamily requires `transport.pci.bridge` of a dext on such a device (schemas/
// entitlements.jsonc `pciBridge`). A term that leaves the subclass open (`0x06000000&0xff000000`
// also matches host bridges, header type 0) is not certain and is not counted.
import type { PlistScalar } from '../plist/types';
import { providerGroup } from '../knowledge/personalities';
import { pciBridgeInfo, type PciBridgeClass } from '../knowledge/entitlements';
import type { PersonalityFacts } from './context';
import { CLASS_MATCH_DEFAULT_MASK, parsePciMatch } from './pci-match';

export interface BridgeMatch {
  bridge: PciBridgeClass;
  /** The `IOPCIClassMatch` value. */
  node: PlistScalar;
}

/** The bridge class a PCI personality's `IOPCIClassMatch` certainly selects (its first such term). */
export function bridgeClassMatch(p: PersonalityFacts): BridgeMatch | undefined {
  if (providerGroup(p.provider) !== 'pci') return undefined;
  const classes = pciBridgeInfo().classes;
  for (const { key, node } of p.pciMatches) {
    if (key !== 'IOPCIClassMatch') continue;
    for (const term of parsePciMatch(node.text, CLASS_MATCH_DEFAULT_MASK).terms) {
      // Register 0x08: class code in bits 31..8 (base class 31..24, subclass 23..16).
      if ((term.mask & 0xffff0000) >>> 0 !== 0xffff0000) continue;
      const classCode = (term.value >>> 16) & 0xffff;
      const bridge = classes.find((c) => parseInt(c.classCode, 16) === classCode);
      if (bridge) return { bridge, node };
    }
  }
  return undefined;
}
