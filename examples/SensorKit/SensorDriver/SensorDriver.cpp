//
//  SensorDriver.cpp
//

#include <os/log.h>
#include <DriverKit/IOLib.h>
#include <DriverKit/IODispatchQueue.h>
#include <DriverKit/IOUserClient.h>
#include "SensorDriver.h"

struct SensorDriver_IVars {
    IODispatchQueue * sampleQueue;
};

bool SensorDriver::init()
{
    if (!super::init()) {
        return false;
    }
    ivars = IONewZero(SensorDriver_IVars, 1);
    return ivars != nullptr;
}

kern_return_t IMPL(SensorDriver, Start)
{
    kern_return_t ret = Start(provider, SUPERDISPATCH);
    if (ret != kIOReturnSuccess) {
        return ret;
    }
    // Creating the queue only gives it a label; SetDispatchQueue("SampleQueue", …) is missing.
    ret = IODispatchQueue::Create("SampleQueue", 0, 0, &ivars->sampleQueue);
    if (ret != kIOReturnSuccess) {
        return ret;
    }
    return RegisterService();
}

kern_return_t IMPL(SensorDriver, Stop)
{
    OSSafeReleaseNULL(ivars->sampleQueue);
    return Stop(provider, SUPERDISPATCH);
}

void SensorDriver::free()
{
    IOSafeDeleteNULL(ivars, SensorDriver_IVars, 1);
    super::free();
}

kern_return_t IMPL(SensorDriver, NewUserClient)
{
    IOService * client = nullptr;
    kern_return_t ret = Create(this, "UserClientProperties", &client);
    if (ret != kIOReturnSuccess) {
        return ret;
    }
    *userClient = OSDynamicCast(IOUserClient, client);
    return *userClient ? kIOReturnSuccess : kIOReturnError;
}

kern_return_t IMPL(SensorDriver, ReadSample)
{
    *value = 42;
    return kIOReturnSuccess;
}
