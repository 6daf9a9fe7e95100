#include "abi/last_error.hpp"

#include <cstring>

#include "core/utf8.hpp"

namespace kam::abi {
namespace {
constexpr size_t kCapacity = 4096;
thread_local char t_message[kCapacity];
}  // namespace

void set_last_error(std::string_view message) {
  // Messages may quote the host's bytes: escaped to valid UTF-8, cut on a character boundary.
  const std::string text = core::utf8_escape(message, kCapacity - 1);
  std::memcpy(t_message, text.data(), text.size());
  t_message[text.size()] = '\0';
}

const char* last_error() { return t_message; }

}  // namespace kam::abi
