// Who is calling (contacts by phone and e-mail) (ABI 1.4): the capability table kam_contacts_v1 and its getter kam_api_v1.contacts.
// Not built yet: the getter returns NULL ("this build does not have the capability").
#include "abi/api.hpp"

namespace kam::abi {

const kam_contacts_v1* contacts() { return nullptr; }

}  // namespace kam::abi
