// struct_check.hpp - the growth rule for every struct the host passes in (see kam.h): refuse one
// smaller than its 1.0 size; accept a larger one from a newer host only when every byte this plugin
// does not know is zero; reserved members must be zero. Also strict UTF-8 checks of input strings.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace kam::abi {

// `name` is the struct's C name for messages ("kam_actor"). min_size is its size in ABI 1.0,
// known_size its size in this plugin. Throws kam::Error.
void check_struct(const void* p, uint32_t struct_size, size_t min_size, size_t known_size,
                  const char* name);

template <class T>
void check_struct(const T* p, size_t min_size, const char* name) {
  check_struct(p, p->struct_size, min_size, sizeof(T), name);
}

// A reserved member must be zero: a newer host may give it a meaning this plugin lacks.
void check_reserved(uint64_t value, const char* where);

// Optional input string: NULL becomes "". Throws invalid_argument naming `where` on invalid UTF-8.
std::string utf8_or_empty(const char* s, const char* where);
// Required input string: NULL or "" is an error.
std::string utf8_required(const char* s, const char* where);

}  // namespace kam::abi
