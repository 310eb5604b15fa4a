// Example projects the rules' runnable doc examples (`docs.examples`) share: written once here,
// named for what they are.

/** The Info.plist of a dext whose class `MyDriver` matches `IOUserResources` (the Xcode template's personality). */
export const RESOURCES_DEXT_INFO_PLIST =
  '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyDriver</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDriver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOUserResources</string>\n\t\t\t<key>IOMatchCategory</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOResourceMatch</key>\n\t\t\t<string>IOKit</string>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n';

/** The Info.plist of a dext whose class `MyDevice` (IOClass `IOUserService`) matches `IOUSBHostDevice`. */
export const DEVICE_DEXT_INFO_PLIST =
  '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyDevice</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDriver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOUSBHostDevice</string>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1452</integer>\n\t\t\t<key>idProduct</key>\n\t\t\t<integer>4660</integer>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n';

/** A USB dext's entitlements: DriverKit and `transport.usb` for vendor 1452. */
export const USB_DEXT_ENTITLEMENTS =
  '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n\t<key>com.apple.developer.driverkit.transport.usb</key>\n\t<array>\n\t\t<dict>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1452</integer>\n\t\t</dict>\n\t</array>\n</dict>\n</plist>\n';

/** The Info.plist of a USB dext (bundle id `com.example.driver`, vendor 1452). */
export const USB_DEXT_INFO_PLIST =
  '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>com.example.driver</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>Driver</key>\n\t\t<dict>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOUSBHostInterface</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>Driver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>com.example.driver</string>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1452</integer>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n';

/** `MyDriver`'s `Start`: calls super first, then `RegisterService()`. */
export const START_WITH_SUPER_CPP =
  '#include <DriverKit/IOLib.h>\n#include "MyDriver.h"\n\nkern_return_t IMPL(MyDriver, Start)\n{\n    kern_return_t ret = Start(provider, SUPERDISPATCH);\n    if (ret != kIOReturnSuccess) return ret;\n    return RegisterService();\n}\n';

/** A dext's entitlements with the 2019-era `transport.usb` = `<true/>`. */
export const LEGACY_USB_DEXT_ENTITLEMENTS =
  '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n\t<key>com.apple.developer.driverkit.transport.usb</key>\n\t<true/>\n</dict>\n</plist>\n';

/** An Xcode project with one driver-extension target. */
export const ONE_DRIVER_TARGET_PROJECT =
  '// !$*UTF8*$!\n{ objects = { R = { isa = PBXProject; targets = (T); buildConfigurationList = L0; }; L0 = { isa = XCConfigurationList; buildConfigurations = (); }; T = { isa = PBXNativeTarget; name = Driver; productType = "com.apple.product-type.driver-extension"; buildConfigurationList = L; }; L = { isa = XCConfigurationList; buildConfigurations = (C); }; C = { isa = XCBuildConfiguration; name = Release; buildSettings = { PRODUCT_BUNDLE_IDENTIFIER = com.example.MyDriver; INFOPLIST_FILE = Driver/Info.plist; SDKROOT = driverkit; }; }; }; rootObject = R; }\n';

/** An Xcode project whose macOS app target (`App/`) ships the driver-extension target (`Driver/`, `com.example.driver`). */
export const APP_SHIPS_DRIVER_PROJECT =
  '// !$*UTF8*$!\n{\n\tarchiveVersion = 1;\n\tobjectVersion = 56;\n\tobjects = {\n\t\tA00000000000000000000003 = {\n\t\t\tisa = XCBuildConfiguration;\n\t\t\tbuildSettings = {\n\t\t\t\tSDKROOT = macosx;\n\t\t\t\tPRODUCT_BUNDLE_IDENTIFIER = com.example.app;\n\t\t\t\tCODE_SIGN_ENTITLEMENTS = App/App.entitlements;\n\t\t\t};\n\t\t\tname = Release;\n\t\t};\n\t\tA00000000000000000000004 = {\n\t\t\tisa = XCConfigurationList;\n\t\t\tbuildConfigurations = (A00000000000000000000003);\n\t\t};\n\t\tA00000000000000000000005 = {\n\t\t\tisa = PBXTargetDependency;\n\t\t\ttarget = A00000000000000000000002;\n\t\t};\n\t\tA00000000000000000000001 = {\n\t\t\tisa = PBXNativeTarget;\n\t\t\tbuildConfigurationList = A00000000000000000000004;\n\t\t\tdependencies = (A00000000000000000000005);\n\t\t\tname = App;\n\t\t\tproductType = "com.apple.product-type.application";\n\t\t};\n\t\tA00000000000000000000006 = {\n\t\t\tisa = XCBuildConfiguration;\n\t\t\tbuildSettings = {\n\t\t\t\tSDKROOT = driverkit;\n\t\t\t\tPRODUCT_BUNDLE_IDENTIFIER = com.example.driver;\n\t\t\t\tINFOPLIST_FILE = Driver/Info.plist;\n\t\t\t\tCODE_SIGN_ENTITLEMENTS = Driver/Driver.entitlements;\n\t\t\t};\n\t\t\tname = Release;\n\t\t};\n\t\tA00000000000000000000007 = {\n\t\t\tisa = XCConfigurationList;\n\t\t\tbuildConfigurations = (A00000000000000000000006);\n\t\t};\n\t\tA00000000000000000000002 = {\n\t\t\tisa = PBXNativeTarget;\n\t\t\tbuildConfigurationList = A00000000000000000000007;\n\t\t\tdependencies = ();\n\t\t\tname = Driver;\n\t\t\tproductType = "com.apple.product-type.driver-extension";\n\t\t};\n\t\tA00000000000000000000008 = {\n\t\t\tisa = XCBuildConfiguration;\n\t\t\tbuildSettings = {\n\t\t\t};\n\t\t\tname = Release;\n\t\t};\n\t\tA00000000000000000000009 = {\n\t\t\tisa = XCConfigurationList;\n\t\t\tbuildConfigurations = (A00000000000000000000008);\n\t\t};\n\t\tA00000000000000000000010 = {\n\t\t\tisa = PBXProject;\n\t\t\tbuildConfigurationList = A00000000000000000000009;\n\t\t\ttargets = (A00000000000000000000001, A00000000000000000000002);\n\t\t};\n\t};\n\trootObject = A00000000000000000000010;\n}\n';

/** `MyDriver`'s interface: `Start` and an interrupt handler on the `InterruptQueue` queue. */
export const INTERRUPT_QUEUE_IIG =
  '#include <DriverKit/IOService.iig>\n\nclass MyDriver : public IOService\n{\npublic:\n    virtual kern_return_t Start(IOService * provider) override;\n    virtual void InterruptOccurred(OSAction * action, uint64_t count, uint64_t time) TYPE(IOInterruptDispatchSource::InterruptOccurred) QUEUENAME(InterruptQueue);\n};\n';

/** `MyDriver`'s interface: a service that overrides `Start` only. */
export const START_ONLY_IIG =
  '#include <DriverKit/IOService.iig>\n\nclass MyDriver : public IOService\n{\npublic:\n    virtual kern_return_t Start(IOService * provider) override;\n};\n';

/** A dext's entitlements holding only `com.apple.developer.driverkit`. */
export const DRIVERKIT_ONLY_ENTITLEMENTS =
  '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n</dict>\n</plist>\n';

/** A clean dext: `MyDriver` overrides `Start`, calls super first and registers the service. */
export const CLEAN_DRIVER_PROJECT: Record<string, string> = {
  'Driver/MyDriver.cpp': START_WITH_SUPER_CPP,
  'Driver/MyDriver.iig': START_ONLY_IIG,
  'Driver/Info.plist': RESOURCES_DEXT_INFO_PLIST,
};

/** An iPadOS app target `MyApp` (`com.example.MyApp`, SDKROOT iphoneos) that ships the dext target `Driver` (`com.example.MyApp.Driver`, `Driver/Info.plist`). */
export const IPADOS_APP_SHIPS_DRIVER_PROJECT =
  '// !$*UTF8*$!\n{\n\tobjects = {\n\t\tR = { isa = PBXProject; targets = (A, D); buildConfigurationList = L0; };\n\t\tL0 = { isa = XCConfigurationList; buildConfigurations = (); };\n\t\tA = { isa = PBXNativeTarget; name = MyApp; productType = "com.apple.product-type.application"; dependencies = (AD); buildConfigurationList = LA; };\n\t\tAD = { isa = PBXTargetDependency; target = D; };\n\t\tLA = { isa = XCConfigurationList; buildConfigurations = (CA); };\n\t\tCA = { isa = XCBuildConfiguration; name = Release; buildSettings = { PRODUCT_BUNDLE_IDENTIFIER = com.example.MyApp; CODE_SIGN_ENTITLEMENTS = App/App.entitlements; SDKROOT = iphoneos; }; };\n\t\tD = { isa = PBXNativeTarget; name = Driver; productType = "com.apple.product-type.driver-extension"; buildConfigurationList = LD; };\n\t\tLD = { isa = XCConfigurationList; buildConfigurations = (CD); };\n\t\tCD = { isa = XCBuildConfiguration; name = Release; buildSettings = { PRODUCT_BUNDLE_IDENTIFIER = com.example.MyDriver; INFOPLIST_FILE = Driver/Info.plist; CODE_SIGN_ENTITLEMENTS = Driver/Driver.entitlements; SDKROOT = driverkit; }; };\n\t};\n\trootObject = R;\n}\n';
