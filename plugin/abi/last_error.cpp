#include "abi/last_error.hpp"

#include <cstring>

#include "core/utf8.hpp"

namespace kam::abi {
namespace {
constexpr size_t kCapacity = 4096;
thread_local char t_message[kCapacity];
}  // namespace

void set_last_error(std::string_view message) {
  std::string_view cut = core::utf8_prefix(message, kCapacity - 1);
  std::memcpy(t_message, cut.data(), cut.size());
  t_message[cut.size()] = '\0';
}

const char* last_error() { return t_message; }

}  // namespace kam::abi
