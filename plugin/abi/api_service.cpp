// Service workflows per tier (ABI 1.4): the capability table kam_service_v1 and its getter kam_api_v1.service.
// Not built yet: the getter returns NULL ("this build does not have the capability").
#include "abi/api.hpp"

namespace kam::abi {

const kam_service_v1* service() { return nullptr; }

}  // namespace kam::abi
