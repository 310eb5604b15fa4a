// Realistic lines for every log pattern, written from the kernel's format strings (xnu
// IOUserServer.cpp / IOService.cpp, IOPCIFamily) and public captures; every id, team and path is made up.
export const TIMESTAMP = '2025-03-04 10:11:12.345678+0100 0x2c41     Default     0x0                  0      0    ';

/** pattern id → a line it must recognise, and the captures it must find. */
export const PATTERN_SAMPLES: Record<string, { line: string; captures: Record<string, string> }> = {
  'userclient-access-check': {
    line: `${TIMESTAMP}kernel: (IOKit) DK: ExampleDriver-0x100000b21:UC failed userclient-access check, needed bundle ID com.example.ExampleDriver`,
    captures: { bundleId: 'com.example.ExampleDriver', className: 'ExampleDriver' },
  },
  'userclient-entitlements-check': {
    line: `${TIMESTAMP}kernel: (IOKit) DK: ExampleUserClient-0x100001127:UC entitlements check failed`,
    captures: { className: 'ExampleUserClient' },
  },
  'driverkit-entitlement-check': {
    line: `${TIMESTAMP}kernel: (IOKit) com.apple.developer.driverkit entitlement check failed for com.example.ExampleDriver[512]`,
    captures: { proc: 'com.example.ExampleDriver', pid: '512' },
  },
  'no-iouserclass': {
    line: `${TIMESTAMP}kernel: (IOKit) DK: no IOUserClass defined for IOUserService-0x100000c40`,
    captures: { className: 'IOUserService' },
  },
  'uc-team-id-check': {
    line: `${TIMESTAMP}kernel: (IOKit) DK: ExampleUserClient-0x100001127:UC failed team ID check. client team=ABCDE12345, driver team=FGHIJ67890`,
    captures: { className: 'ExampleUserClient', clientTeam: 'ABCDE12345', driverTeam: 'FGHIJ67890' },
  },
  'uc-communicates-with-drivers': {
    line: `${TIMESTAMP}kernel: (IOKit) DK: ExampleUserClient-0x100001127:UC entitlement check failed, app does not have com.apple.developer.driverkit.communicates-with-drivers entitlement`,
    captures: { className: 'ExampleUserClient' },
  },
  'could-not-find-oskext': {
    line: `${TIMESTAMP}kernel: (IOKit) DK: Could not find OSKext for com.example.ExampleDriver`,
    captures: { bundleId: 'com.example.ExampleDriver' },
  },
  'couldnt-alloc-class': {
    line: `${TIMESTAMP}kernel: (IOKit) Couldn't alloc class "AppleUserUSBHostHIDDevice"`,
    captures: { ioClass: 'AppleUserUSBHostHIDDevice' },
  },
  'user-server-timeout': {
    line: `${TIMESTAMP}kernel: (IOKit) DK: ExampleDriver-0x100000c40 user server timeout`,
    captures: { className: 'ExampleDriver' },
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
    captures: { serverName: 'com.example.ExampleDriver' },
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
    captures: { bundleId: 'com.example.ExampleDriver', count: '3' },
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
    line: `${TIMESTAMP}kernel: (IOKit) IOUserServerName "com.other.SharedServer" not correct organization for bundleID "com.example.ExampleDriver"`,
    captures: { serverName: 'com.other.SharedServer', bundleId: 'com.example.ExampleDriver' },
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
  `${TIMESTAMP}kernel: (IOKit) Driver com.example.ExampleDriver has crashed 0 time(s)`,
  `${TIMESTAMP}sysextd: activating extension com.example.ExampleDriver`,
  `${TIMESTAMP}kernel: (DriverKit) DK: ExampleDriver-0x100000b21::Start called`,
  '2 extension(s)',
  '--- com.apple.system_extension.driver_extension',
  'enabled\tactive\tteamID\tbundleID (version)\tname\t[state]',
  'Process:               ExampleApp [4711]',
  'Exception Type:        EXC_CRASH (SIGKILL)',
  '',
];
