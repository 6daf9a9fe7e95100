// Who is calling (ABI 1.4): the capability table kam_contacts_v1 and its getter kam_api_v1.contacts.
// The call converts its arguments, checks "contacts.lookup" (Call) and returns app/contacts' JSON.
#include <string>

#include "abi/api.hpp"
#include "abi/buffer.hpp"
#include "abi/call.hpp"
#include "abi/guard.hpp"
#include "abi/input_string.hpp"
#include "abi/instance.hpp"
#include "abi/sizes.hpp"
#include "app/contacts/contacts.hpp"

namespace kam::abi {
namespace {

kam_status who(kam_instance* instance, const kam_actor* actor, const char* phone_or_email, uint32_t flags,
               kam_buffer* out_json) {
  return status_of_call([&] {
    const char* fn = "contacts.who";
    Call call(instance, actor, fn, app::kContactsLookup);
    const std::string query = input_string(phone_or_email, "contacts.who: phone_or_email", StringKind::name, true);
    if (flags != 0)
      throw Error(Status::unsupported, std::string(fn) + ": flags " + std::to_string(flags) +
                                           " has bits this plugin does not know (none are defined: pass 0)");
    require_ptr(out_json, fn, "out_json");
    const ConfigSnapshot snapshot = config_snapshot(instance);
    fill_buffer(out_json, app::who_json(*instance->store, *snapshot.config, query), fn);
  });
}

// Members are only ever appended (kam/contacts.h).
const kam_contacts_v1 kContactsV1 = {
    sizeof(kam_contacts_v1),
    4,
    /* 1.4 */
    &who,
    /* end 1.4 */
};

}  // namespace

const kam_contacts_v1* contacts() { return &kContactsV1; }

}  // namespace kam::abi
