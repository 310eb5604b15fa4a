// Which family entitlements a dext needs: the kernel class its personalities name
// (`IOClass`), and the families its classes derive from (the class model of its .iig files), looked
// up in schemas/families.jsonc.
import { families, type Family } from '../knowledge/families';
import { getClassModel } from '../workspace/classes';
import type { Workspace } from '../workspace/workspace';
import type { DextContext } from './context';

const PREFIX = 'com.apple.developer.driverkit.family.';

/** The family entitlements a row requires (transports excluded). */
function familyEntitlements(row: Family): string[] {
  return row.entitlements.filter((key) => key.startsWith(PREFIX));
}

export interface FamilyNeed {
  /** Alternatives: any one of them satisfies the need. */
  keys: string[];
  /** Why, for the message: "IOClass AppleUserHIDEventService (personality 'X')". */
  because: string;
  /** Who checks it: the kernel class, seen on Apple's dexts, or Apple's documentation only. */
  check: NonNullable<Family['familyCheck']>;
  related?: { uri: string; start: number; end: number; message: string };
}

const signature = (needs: string[]) => [...needs].sort().join(',');

export function familyNeeds(workspace: Workspace, dext: DextContext): FamilyNeed[] {
  const all = families();
  const out: FamilyNeed[] = [];
  const seen = new Set<string>();
  const add = (keys: string[], because: string, row: Family, related?: FamilyNeed['related']) => {
    const id = [...keys].sort().join('|');
    if (seen.has(id)) return;
    seen.add(id);
    out.push({ keys, because, check: row.familyCheck ?? 'documented', ...(related ? { related } : {}) });
  };
  // The kernel class: only when every row naming it asks for the same family (IOUserService does not).
  for (const p of dext.personalities) {
    if (!p.ioClass) continue;
    const matching = all.filter((r) => r.ioClass === p.ioClass);
    if (!matching.length) continue;
    const needs = familyEntitlements(matching[0]!);
    if (!needs.length || matching.some((r) => signature(familyEntitlements(r)) !== signature(needs))) continue;
    const node = p.dict.entries.find((e) => e.key === 'IOClass')?.value;
    for (const key of needs) {
      add([key], `the personality '${p.name}' uses IOClass ${p.ioClass}`, matching[0]!, node ? { uri: dext.infoPlist.uri, start: node.start, end: node.end, message: `IOClass ${p.ioClass}` } : undefined);
    }
  }
  // The dext's own classes, through their superclass chains.
  const classes = getClassModel(workspace);
  for (const cls of classes.classesOf(dext.dext)) {
    for (const ancestor of classes.superChain(cls.name)) {
      for (const row of all) {
        if (row.superclass !== ancestor) continue;
        for (const key of familyEntitlements(row)) add([key], `the class ${cls.name} derives from ${ancestor}`, row);
      }
    }
  }
  return out;
}
