// Account identity matching (ABI 1.4): the capability table kam_identity_v1 and its getter kam_api_v1.identity.
// Not built yet: the getter returns NULL ("this build does not have the capability").
#include "abi/api.hpp"

namespace kam::abi {

const kam_identity_v1* identity() { return nullptr; }

}  // namespace kam::abi
