// The I/O Registry class table (schemas/ioregistry-classes.jsonc): "is an entry of class X a kind
// of the personality's IOProviderClass?", as IOService::metaCast answers it in the kernel.
import { registryClasses } from '../knowledge/ioregistry-classes';

/** The class and its superclasses, most derived first; a class not in the table is alone. */
export function superclassChain(className: string): string[] {
  const classes = registryClasses();
  const chain = [className];
  const seen = new Set(chain);
  let current = classes[className]?.superclass;
  while (current && !seen.has(current)) {
    chain.push(current);
    seen.add(current);
    current = classes[current]?.superclass;
  }
  return chain;
}

export function isKindOf(className: string, providerClass: string): boolean {
  return className === providerClass || superclassChain(className).includes(providerClass);
}

/** Whether the table knows the class (else its superclasses are unknown to us). */
export function isKnownClass(className: string): boolean {
  return Object.prototype.hasOwnProperty.call(registryClasses(), className);
}

/** Registry classes that are nubs (providers), not drivers attached to them. */
const NUB_CLASSES = ['IOUSBHostDevice', 'IOUSBHostInterface', 'IOPCIDevice', 'IOHIDInterface', 'IOSerialStreamSync', 'IOSCSIPeripheralDeviceNub', 'IOResources', 'IOUserResources'];

export function isNubClass(className: string): boolean {
  const chain = superclassChain(className);
  return NUB_CLASSES.some((n) => chain.includes(n));
}
