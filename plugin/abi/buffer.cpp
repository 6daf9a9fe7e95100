#include "abi/buffer.hpp"

#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

#include "abi/guard.hpp"
#include "abi/sizes.hpp"
#include "abi/struct_check.hpp"

namespace kam::abi {

void fill_buffer(kam_buffer* buffer, std::string_view text, const char* function) {
  require_ptr(buffer, function, "buffer");
  check_struct(buffer, kBufferSize_1_0, "kam_buffer");
  check_reserved(buffer->reserved0, "kam_buffer.reserved0");
  if (buffer->data != nullptr)
    throw Error(Status::invalid_argument,
                std::string(function) +
                    ": buffer still holds data; give it back with buffer_free before reuse");
  auto* data = static_cast<char*>(std::malloc(text.size() + 1));
  if (data == nullptr) throw std::bad_alloc();
  std::memcpy(data, text.data(), text.size());
  data[text.size()] = '\0';
  buffer->data = data;
  buffer->length = text.size();
  buffer->internal = nullptr;
}

kam_status buffer_free(kam_buffer* buffer) {
  return status_of_call([&] {
    if (buffer == nullptr) return;
    check_struct(buffer, kBufferSize_1_0, "kam_buffer");
    std::free(buffer->data);
    buffer->data = nullptr;
    buffer->length = 0;
    buffer->internal = nullptr;
  });
}

}  // namespace kam::abi
