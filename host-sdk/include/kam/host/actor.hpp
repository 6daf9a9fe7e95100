// kam/host/actor.hpp - kam::host::Actor, who is acting (a kam_actor that owns its strings). Part of
// kam/host.hpp (include that).
#ifndef KAM_HOST_ACTOR_HPP
#define KAM_HOST_ACTOR_HPP

#include <kam/kam.h>

#include <string>
#include <utility>
#include <vector>

namespace kam::host {

// Who is acting: the host's user id and role names, as a kam_actor. Owns its strings; get() points into
// them and stays valid while the Actor lives and is not assigned to. Copyable, movable.
class Actor {
 public:
  explicit Actor(std::string user_id, std::vector<std::string> roles = {})
      : user_id_(std::move(user_id)), roles_(std::move(roles)) {
    rebuild_pointers();
  }
  Actor(const Actor& other) : user_id_(other.user_id_), roles_(other.roles_) { rebuild_pointers(); }
  // Moving a vector keeps its elements where they are, so the role pointers stay valid.
  Actor(Actor&& other) noexcept
      : user_id_(std::move(other.user_id_)),
        roles_(std::move(other.roles_)),
        role_ptrs_(std::move(other.role_ptrs_)) {
    rebuild_struct();
    other.clear();
  }
  Actor& operator=(const Actor& other) {
    if (this != &other) {
      user_id_ = other.user_id_;
      roles_ = other.roles_;
      rebuild_pointers();
    }
    return *this;
  }
  Actor& operator=(Actor&& other) noexcept {
    if (this != &other) {
      user_id_ = std::move(other.user_id_);
      roles_ = std::move(other.roles_);
      role_ptrs_ = std::move(other.role_ptrs_);
      rebuild_struct();
      other.clear();
    }
    return *this;
  }
  ~Actor() = default;

  const kam_actor* get() const noexcept { return &c_; }
  const std::string& user_id() const noexcept { return user_id_; }
  const std::vector<std::string>& roles() const noexcept { return roles_; }

 private:
  void rebuild_pointers() {
    role_ptrs_.clear();
    role_ptrs_.reserve(roles_.size());
    for (const auto& r : roles_) role_ptrs_.push_back(r.c_str());
    rebuild_struct();
  }
  void rebuild_struct() noexcept {
    c_ = kam_actor{};
    c_.struct_size = sizeof(kam_actor);
    c_.role_count = static_cast<uint32_t>(role_ptrs_.size());
    c_.user_id = user_id_.c_str();
    c_.roles = role_ptrs_.empty() ? nullptr : role_ptrs_.data();
  }
  void clear() noexcept {  // a moved-from Actor is empty but consistent
    user_id_.clear();
    roles_.clear();
    role_ptrs_.clear();
    rebuild_struct();
  }

  std::string user_id_;
  std::vector<std::string> roles_;
  std::vector<const char*> role_ptrs_;
  kam_actor c_{};
};

}  // namespace kam::host

#endif  // KAM_HOST_ACTOR_HPP
