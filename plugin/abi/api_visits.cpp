// Customer-visit plans (ABI 1.4): the capability table kam_visits_v1 and its getter kam_api_v1.visits.
// Not built yet: the getter returns NULL ("this build does not have the capability").
#include "abi/api.hpp"

namespace kam::abi {

const kam_visits_v1* visits() { return nullptr; }

}  // namespace kam::abi
