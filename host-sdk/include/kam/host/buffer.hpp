// kam/host/buffer.hpp - kam::host::Buffer, text the plugin returned (a kam_buffer released with
// buffer_free). Part of kam/host.hpp (include that).
#ifndef KAM_HOST_BUFFER_HPP
#define KAM_HOST_BUFFER_HPP

#include <kam/host/library.hpp>
#include <kam/kam.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace kam::host {

// Text the plugin returned (kam_buffer): released with buffer_free when the Buffer dies or is reset.
// Keeps the library loaded. Move-only; one thread at a time. The kam_buffer itself lives on the heap,
// so moving a Buffer never moves the C struct the plugin filled.
class Buffer {
 public:
  explicit Buffer(detail::LibraryPtr lib) : lib_(std::move(lib)), buf_(std::make_unique<kam_buffer>()) {
    buf_->struct_size = sizeof(kam_buffer);
  }
  Buffer(Buffer&&) noexcept = default;
  Buffer& operator=(Buffer&& other) noexcept {
    if (this != &other) {
      reset();
      buf_ = std::move(other.buf_);
      lib_ = std::move(other.lib_);
    }
    return *this;
  }
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  ~Buffer() { reset(); }

  // For passing to a C function that fills it. Must be empty (fresh or reset) before it is filled.
  kam_buffer* get() noexcept { return buf_.get(); }
  // The text, "" when empty. Valid until reset or destruction.
  const char* c_str() const noexcept { return buf_ && buf_->data ? buf_->data : ""; }
  std::size_t size() const noexcept { return buf_ && buf_->data ? static_cast<std::size_t>(buf_->length) : 0; }
  bool empty() const noexcept { return size() == 0; }
  std::string_view view() const noexcept { return std::string_view(c_str(), size()); }
  std::string str() const { return std::string(view()); }

  // Give the text back to the plugin; the Buffer is empty afterwards and may be filled again.
  void reset() noexcept {
    if (buf_ && lib_ && (buf_->data || buf_->internal)) {
      lib_->api->buffer_free(buf_.get());
    }
    if (buf_) {
      *buf_ = kam_buffer{};
      buf_->struct_size = sizeof(kam_buffer);
    }
  }

 private:
  detail::LibraryPtr lib_;
  std::unique_ptr<kam_buffer> buf_;
};

}  // namespace kam::host

#endif  // KAM_HOST_BUFFER_HPP
