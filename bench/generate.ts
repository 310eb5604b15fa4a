// Inputs for the benchmarks: large Info.plists and a workspace of many DEXT projects, written to
// bench/generated/ (git-ignored).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function largeInfoPlist(targetBytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < targetBytes; i++) {
    const p = `\t\t<key>Sensor${i}</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>CFBundleIdentifierKernel</key>\n\t\t\t<string>com.apple.kpi.iokit</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOUSBHostInterface</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>SensorDriver</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1452</integer>\n\t\t\t<key>idProduct</key>\n\t\t\t<integer>0x${(i % 65536).toString(16)}</integer>\n\t\t\t<key>bInterfaceNumber</key>\n\t\t\t<integer>0</integer>\n\t\t\t<key>bConfigurationValue</key>\n\t\t\t<integer>1</integer>\n\t\t\t<!-- sensor ${i} & friends -->\n\t\t</dict>\n`;
    parts.push(p);
    size += p.length;
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n<dict>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Benchmark.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n${parts.join('')}\t</dict>\n</dict>\n</plist>\n`;
}

const pbxproj = (n: number) => `// !$*UTF8*$!
{
	archiveVersion = 1;
	objects = {
		APP = { isa = PBXNativeTarget; buildConfigurationList = APPL; dependencies = (DEP); name = App${n}; productType = "com.apple.product-type.application"; };
		DRV = { isa = PBXNativeTarget; buildConfigurationList = DRVL; dependencies = (); name = Driver${n}; productType = "com.apple.product-type.driver-extension"; };
		DEP = { isa = PBXTargetDependency; target = DRV; };
		PROJ = { isa = PBXProject; buildConfigurationList = PROJL; targets = (APP, DRV); };
		APPL = { isa = XCConfigurationList; buildConfigurations = (APPC); };
		DRVL = { isa = XCConfigurationList; buildConfigurations = (DRVC); };
		PROJL = { isa = XCConfigurationList; buildConfigurations = (PROJC); };
		APPC = { isa = XCBuildConfiguration; name = Release; buildSettings = { CODE_SIGN_ENTITLEMENTS = App/App.entitlements; INFOPLIST_FILE = App/Info.plist; PRODUCT_BUNDLE_IDENTIFIER = "com.example.p${n}"; SDKROOT = macosx; }; };
		DRVC = { isa = XCBuildConfiguration; name = Release; buildSettings = { CODE_SIGN_ENTITLEMENTS = Driver/Driver.entitlements; INFOPLIST_FILE = Driver/Info.plist; PRODUCT_BUNDLE_IDENTIFIER = "com.example.p${n}.driver"; SDKROOT = driverkit; }; };
		PROJC = { isa = XCBuildConfiguration; name = Release; buildSettings = { }; };
	};
	rootObject = PROJ;
}
`;

export const plist = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n<dict>\n${body}</dict>\n</plist>\n`;

export function writeWorkspace(root: string, projects: number): void {
  for (let n = 0; n < projects; n++) {
    const dir = join(root, `Project${n}`);
    mkdirSync(join(dir, `P${n}.xcodeproj`), { recursive: true });
    mkdirSync(join(dir, 'App'), { recursive: true });
    mkdirSync(join(dir, 'Driver'), { recursive: true });
    writeFileSync(join(dir, `P${n}.xcodeproj`, 'project.pbxproj'), pbxproj(n));
    writeFileSync(join(dir, 'App', 'App.entitlements'), plist(`\t<key>com.apple.developer.system-extension.install</key>\n\t<true/>\n\t<key>com.apple.developer.driverkit.userclient-access</key>\n\t<array>\n\t\t<string>com.example.p${n}.driver</string>\n\t</array>\n`));
    writeFileSync(join(dir, 'App', 'Info.plist'), plist('\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n'));
    writeFileSync(join(dir, 'Driver', 'Driver.entitlements'), plist('\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n\t<key>com.apple.developer.driverkit.transport.usb</key>\n\t<array>\n\t\t<dict>\n\t\t\t<key>idVendor</key>\n\t\t\t<string>*</string>\n\t\t</dict>\n\t</array>\n'));
    writeFileSync(join(dir, 'Driver', 'Info.plist'), largeInfoPlist(1).replace('Sensor0', `Sensor${n}`));
    writeFileSync(join(dir, 'Driver', 'SensorDriver.iig'), 'class SensorDriver : public IOService\n{\npublic:\n    virtual kern_return_t Start(IOService * provider) override;\n    virtual kern_return_t NewUserClient(uint32_t type, IOUserClient ** userClient) override;\n    virtual kern_return_t Read(uint64_t * v) QUEUENAME(ReadQueue);\n};\n');
    writeFileSync(join(dir, 'Driver', 'SensorDriver.cpp'), 'kern_return_t IMPL(SensorDriver, Start)\n{\n    kern_return_t ret = Start(provider, SUPERDISPATCH);\n    IODispatchQueue::Create("read", 0, 0, &ivars->q);\n    SetDispatchQueue("ReadQueue", ivars->q);\n    return ret;\n}\n');
  }
}
