// The public sources the .iig/.cpp rules cite (RuleMeta.sources), pinned once. `primary` = Apple's
// own word or code: documentation, SDK headers, xnu.
import type { RuleSource } from '../types';

const XNU = 'apple-oss-distributions/xnu@e3723e1f17661b24996789d8afc084c0c3303b26';
const SCSI = 'apple-oss-distributions/IOSCSIParallelFamily@560f74ab';
const DOCS = 'https://developer.apple.com/documentation';

const primary = (ref: string): RuleSource => ({ ref, primary: true });

export const SOURCES = {
  queuenameDoc: primary(`${DOCS}/driverkit/queuename`),
  localonlyDoc: primary(`${DOCS}/driverkit/localonly`),
  localDoc: primary(`${DOCS}/driverkit/local`),
  superdispatchDoc: primary(`${DOCS}/driverkit/superdispatch`),
  registerServiceDoc: primary(`${DOCS}/driverkit/ioservice/registerservice`),
  serialStartDoc: primary(`${DOCS}/serialdriverkit/iouserserial/start`),
  stopDoc: primary(`${DOCS}/driverkit/ioservice/stop`),
  scsiClassDoc: primary(`${DOCS}/scsicontrollerdriverkit/iouserscsiparallelinterfacecontroller`),
  scsiInitializeDoc: primary(`${DOCS}/scsicontrollerdriverkit/iouserscsiparallelinterfacecontroller/userinitializecontroller`),
  osObjectAnnotations: primary(`${XNU}:iokit/DriverKit/OSObject.iig:59-97 (iig annotations)`),
  osObjectQueueName: primary(`${XNU}:iokit/DriverKit/OSObject.iig:75,97 (QUEUENAME stringises its argument)`),
  osObjectQueueNameSize: primary(`${XNU}:iokit/DriverKit/OSObject.iig:256 (char[256] queue names)`),
  serviceDefaultQueue: primary(`${XNU}:iokit/DriverKit/IOService.iig:155-160 (SetDispatchQueue, default queue)`),
  serviceStartStop: primary(`${XNU}:iokit/DriverKit/IOService.iig:109-120 (Start, Stop)`),
  servicePower: primary(`${XNU}:iokit/DriverKit/IOService.iig:235-247 (SetPowerState)`),
  userClientExternalMethod: primary(`${XNU}:iokit/DriverKit/IOUserClient.iig:184-212 (ExternalMethod LOCALONLY QUEUENAME(IOUserClientQueueExternalMethod))`),
  userClientCopyMemory: primary(`${XNU}:iokit/DriverKit/IOUserClient.iig:242-246 (CopyClientMemoryForType = 0)`),
  kernelSetDispatchQueue: primary(`${XNU}:iokit/Kernel/IOUserServer.cpp:468-480 (SetDispatchQueue_Impl: exact names, kIOReturnBadArgument)`),
  kernelQueueRouting: primary(`${XNU}:iokit/Kernel/IOUserServer.cpp:2823-2837,3535-3539 (queueForObject, root-queue fallback)`),
  scsiIig: primary(`${SCSI}:SCSIControllerDriverKit/IOUserSCSIParallelInterfaceController.iig:263-276 (UserCreateTargetForID QUEUENAME(AuxiliaryQueue))`),
  hidRegisterService: primary('apple-oss-distributions/IOHIDFamily@5efd04c6:HIDDriverKit/IOUserUSBHostHIDDevice.iig:57-62 (RegisterService to activate the service)'),
} as const;
