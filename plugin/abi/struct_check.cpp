#include "abi/struct_check.hpp"

#include "core/error.hpp"
#include "core/utf8.hpp"

namespace kam::abi {

void check_struct(const void* p, uint32_t struct_size, size_t min_size, size_t known_size,
                  const char* name) {
  check_output(struct_size, min_size, name);  // the same lower bound as an output struct
  if (struct_size > known_size) {
    const auto* bytes = static_cast<const unsigned char*>(p);
    for (size_t i = known_size; i < struct_size; ++i) {
      if (bytes[i] != 0)
        throw Error(Status::unsupported,
                    std::string(name) + " from a newer host sets a member at byte offset " +
                        std::to_string(i) + " that this plugin (size " +
                        std::to_string(known_size) + ") does not know; upgrade the plugin");
    }
  }
}

void check_output(uint32_t struct_size, size_t min_size, const char* name) {
  if (struct_size < min_size)
    throw Error(Status::invalid_argument,
                std::string(name) + ".struct_size is " + std::to_string(struct_size) +
                    ", smaller than its first published size " + std::to_string(min_size) +
                    " (set it to sizeof(" + name + "))");
}

void check_reserved(uint64_t value, const char* where) {
  if (value != 0)
    throw Error(Status::invalid_argument, std::string(where) + " is reserved and must be 0");
}

void check_known_flags(uint32_t value, uint32_t known, const char* where, const char* known_in_words) {
  if ((value & ~known) != 0)
    throw Error(Status::unsupported, std::string(where) + " " + std::to_string(value) +
                                         " has bits this plugin does not know (" + known_in_words + ")");
}

std::string utf8_or_empty(const char* s, const char* where) {
  if (s == nullptr) return {};
  std::string_view v(s);
  if (!core::is_valid_utf8(v))
    throw Error(Status::invalid_argument, std::string(where) + " is not valid UTF-8");
  return std::string(v);
}

std::string utf8_required(const char* s, const char* where) {
  std::string v = utf8_or_empty(s, where);
  if (v.empty()) throw Error(Status::invalid_argument, std::string(where) + " is required");
  return v;
}

}  // namespace kam::abi
