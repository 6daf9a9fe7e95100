// config_fuzz.cpp - libFuzzer target: arbitrary bytes as a YAML config through the real entry point's
// config_check. Every input must give OK or an error status with a message, never a crash, leak or
// sanitizer report. Seeds: tests/fuzz/corpus/config (the shipped configs); dictionary: config.dict.
#include <cstdint>
#include <string>

#include "fuzz_plugin.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);  // NUL-terminated copy
  kam_config_source source{};
  source.struct_size = sizeof source;
  source.text = text.c_str();
  source.name = "fuzz.yaml";
  kam_buffer out = kam::fuzz::empty_buffer();
  const kam_status status = kam::fuzz::api()->config_check(&source, &out);
  if (status != KAM_OK && kam::fuzz::api()->last_error_message()[0] == '\0') __builtin_trap();
  kam::fuzz::check_call(status, out);
  return 0;
}
