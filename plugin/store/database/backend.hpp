// backend.hpp - which database a session talks to. Most SQL is shared; where the dialects differ
// (locking, identity columns, claiming rows) the code branches on this.
#pragma once

namespace kam::store::detail {

enum class Backend { sqlite, postgresql };

inline const char* backend_name(Backend b) {
  return b == Backend::sqlite ? "sqlite" : "postgresql";
}

}  // namespace kam::store::detail
