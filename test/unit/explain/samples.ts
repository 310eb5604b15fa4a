// Realistic lines for every log pattern, written from the shapes DriverKit logs (driverkit.md
// §2–§7); every id, team and path is made up.
export const TIMESTAMP = '2025-03-04 10:11:12.345678+0100 0x2c41     Default     0x0                  0      0    ';

/** pattern id → a line it must recognise, and the captures it must find. */
export const PATTERN_SAMPLES: Record<string, { line: string; captures: Record<string, string> }> = {
  'userclient-access-check': {
    line: `${TIMESTAMP}kernel: (IOKit) DK: ExampleDriver-0x100000b21:UC failed userclient-access check, needed bundle ID com.example.ExampleDriver`,
    captures: { bundleId: 'com.example.ExampleDriver', className: 'ExampleDriver' },
  },
  'provider-entitlements-check': {
    line: `${TIMESTAMP}kernel: (IOKit) DK: ExampleDriver-0x100000c40::start(IOUSBHostInterface-0x100000a11) provider entitlements check failed`,
    captures: { className: 'ExampleDriver' },
  },
  'family-entitlements-check': {
    line: `${TIMESTAMP}kernel: (IOKit) DK: ExampleHIDDriver-0x100000c52::start(IOHIDInterface-0x100000a13) family entitlements check failed`,
    captures: { className: 'ExampleHIDDriver' },
  },
  'userserver-entitlement-check': {
    line: `${TIMESTAMP}kernel: (IOKit) DK: IOUserServer(com.example.ExampleDriver-0x100000c33)-0x100000c34::exit(Entitlements check failed)`,
    captures: { bundleId: 'com.example.ExampleDriver' },
  },
  'unsatisfied-entitlements': {
    line: `${TIMESTAMP}amfid: /Applications/ExampleApp.app/Contents/MacOS/ExampleApp: Unsatisfied entitlements: com.apple.developer.driverkit.userclient-access, com.apple.developer.system-extension.install`,
    captures: { keys: 'com.apple.developer.driverkit.userclient-access, com.apple.developer.system-extension.install' },
  },
  'restricted-entitlements-signature': {
    line: `${TIMESTAMP}kernel: (AppleMobileFileIntegrity) AMFI: Code has restricted entitlements, but the validation of its code signature failed.`,
    captures: {},
  },
  'codesigning-namespace': {
    line: 'Termination Reason:    Namespace CODESIGNING, Code 1 Taskgated Invalid Signature',
    captures: { code: '1' },
  },
  'onqueue-assertion': {
    line: `${TIMESTAMP}kernel: (DriverKit) DK: ExampleController-0x100000d01::UserProcessParallelTask assertion "queue->OnQueue()" failed @uioserver.cpp:1723`,
    captures: { className: 'ExampleController', sourceLine: '1723' },
  },
  'driver-crashed': {
    line: `${TIMESTAMP}kernel: (IOKit) Driver com.example.ExampleDriver has crashed 3 time(s)`,
    captures: { driver: 'com.example.ExampleDriver', count: '3' },
  },
  'client-crashed': {
    line: `${TIMESTAMP}kernel: (IOKit) DK: IOUserServer(com.example.ExampleDriver-0x100000c33)-0x100000c34::ClientCrashed_Impl`,
    captures: { className: 'IOUserServer', bundleId: 'com.example.ExampleDriver' },
  },
  'pci-tunnel-compatible': {
    line: `${TIMESTAMP}kernel: (IOPCIFamily) Driver "IOUserService" needs "IOPCITunnelCompatible" key in plist`,
    captures: { ioClass: 'IOUserService' },
  },
  'not-correct-organization': {
    line: `${TIMESTAMP}kernel: (IOKit) DK: IOUserServer(com.example.ExampleDriver-0x100000c33): IOUserServerName com.other.SharedServer not correct organization`,
    captures: { bundleId: 'com.example.ExampleDriver' },
  },
  'xcode-profile-doesnt-match': {
    line: 'error: Provisioning profile "Mac Team Provisioning Profile: com.example.ExampleApp" doesn\'t match the entitlements file\'s value for the com.apple.developer.driverkit.userclient-access entitlement. (in target \'ExampleApp\' from project \'Example\')',
    captures: { profile: 'Mac Team Provisioning Profile: com.example.ExampleApp', key: 'com.apple.developer.driverkit.userclient-access' },
  },
  'xcode-profile-doesnt-include': {
    line: 'error: Provisioning profile "Example Distribution" doesn’t include the com.apple.developer.driverkit.transport.usb entitlement.',
    captures: { profile: 'Example Distribution', key: 'com.apple.developer.driverkit.transport.usb' },
  },
  'sysext-activated-waiting-for-user': {
    line: '*\t\tABCDE12345\tcom.example.ExampleDriver (1.0/1)\tExampleDriver\t[activated waiting for user]',
    captures: { bundleId: 'com.example.ExampleDriver', version: '1.0/1' },
  },
  'sysext-activated-enabled': {
    line: '*\t*\tABCDE12345\tcom.example.ExampleDriver (1.2/7)\tExampleDriver\t[activated enabled]',
    captures: { bundleId: 'com.example.ExampleDriver', version: '1.2/7' },
  },
  'sysext-terminated-waiting-to-uninstall': {
    line: '\t\tABCDE12345\tcom.example.ExampleDriver (1.1/4)\tExampleDriver\t[terminated waiting to uninstall on reboot]',
    captures: { bundleId: 'com.example.ExampleDriver', version: '1.1/4' },
  },
  'sysext-activated-disabled': {
    line: '\t\tABCDE12345\tcom.example.ExampleDriver (1.2/7)\tExampleDriver\t[activated disabled]',
    captures: { bundleId: 'com.example.ExampleDriver', version: '1.2/7' },
  },
};

/** Ordinary lines that must not be recognised as anything. */
export const ORDINARY_LINES = [
  `${TIMESTAMP}kernel: (IOKit) IOUSBHostInterface@0: matching started`,
  `${TIMESTAMP}sysextd: activating extension com.example.ExampleDriver`,
  `${TIMESTAMP}kernel: (DriverKit) DK: ExampleDriver-0x100000b21::Start called`,
  '2 extension(s)',
  '--- com.apple.system_extension.driver_extension',
  'enabled\tactive\tteamID\tbundleID (version)\tname\t[state]',
  'Process:               ExampleApp [4711]',
  'Exception Type:        EXC_CRASH (SIGKILL)',
  '',
];
