#include <DriverKit/IOLib.h>
#include "SensorUserClient.h"

bool SensorUserClient::init()
{
    return super::init();
}

kern_return_t IMPL(SensorUserClient, Start)
{
    return Start(provider, SUPERDISPATCH);
}

kern_return_t IMPL(SensorUserClient, Stop)
{
    return Stop(provider, SUPERDISPATCH);
}

void SensorUserClient::free()
{
    super::free();
}
