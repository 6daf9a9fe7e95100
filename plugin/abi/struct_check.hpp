// struct_check.hpp - the growth rules of kam.h for every struct that crosses the boundary. A struct
// the host passes in: refuse one smaller than its first published size; accept a larger one from a
// newer host only when every byte this plugin does not know is zero; reserved members must be zero.
// An output struct (the plugin only writes it): any size >= its first published size; the plugin
// writes the members both sides know and zeroes the rest of the host's struct. Also strict UTF-8
// checks of input strings that have no kind of their own (paths, YAML text: see input_string.hpp).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
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

// An output struct of struct_size bytes as the host declared it: refuses one smaller than min_size
// (before any work is done). Throws kam::Error.
void check_output(uint32_t struct_size, size_t min_size, const char* name);

template <class T>
void check_output(const T* out, size_t min_size, const char* name) {
  check_output(out->struct_size, min_size, name);
}

// Writes `value` into `out`, whose size is out_size (already checked): the first
// min(out_size, sizeof(T)) bytes, zeros after them, and struct_size = out_size.
template <class T>
void write_output(void* out, uint32_t out_size, const T& value) {
  std::memset(out, 0, out_size);
  std::memcpy(out, &value, std::min<size_t>(out_size, sizeof(T)));
  std::memcpy(out, &out_size, sizeof out_size);  // struct_size is every struct's first member
}

template <class T>
void write_output(T* out, const T& value) {
  write_output(out, out->struct_size, value);
}

// A reserved member must be zero: a newer host may give it a meaning this plugin lacks.
void check_reserved(uint64_t value, const char* where);
// Flag bits this plugin does not know are refused (unsupported), like a non-zero reserved member:
// "<where> <value> has bits this plugin does not know (<known_in_words>)".
void check_known_flags(uint32_t value, uint32_t known, const char* where, const char* known_in_words);

// Optional input string: NULL becomes "". Throws invalid_argument naming `where` on invalid UTF-8.
std::string utf8_or_empty(const char* s, const char* where);
// Required input string: NULL or "" is an error.
std::string utf8_required(const char* s, const char* where);

}  // namespace kam::abi
