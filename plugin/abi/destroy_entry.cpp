// destroy_entry.cpp - instance_destroy, which may drop the last reference on the plugin's own
// library (registry.hpp). dlclose() of the library whose code is running unmaps that code, so the
// reference is never dropped from C++: a few instructions of assembly destroy the instance, then
// jump to dlclose (a tail call: dlclose returns straight to the host; its 0 is KAM_OK). Written in
// assembly because a C++ tail call is only an optimisation the compiler may skip (-O0, sanitizers).
#include <cstdint>

#include "abi/api.hpp"
#include "abi/guard.hpp"
#include "abi/instance.hpp"
#include "abi/registry.hpp"

#if !defined(__x86_64__) || !defined(__linux__)
#error "destroy_entry.cpp: the tail call to dlclose is written for x86_64 Linux (SysV ABI)"
#endif

namespace {

// Returned in rax:rdx under the SysV ABI (two INTEGER eightbytes).
struct DestroyOutcome {
  int64_t status;
  void* library;  // dlclose this after returning, or nullptr
};

}  // namespace

extern "C" __attribute__((visibility("hidden"))) DestroyOutcome kam_abi_destroy_instance(
    kam_instance* instance) noexcept {
  DestroyOutcome out{KAM_OK, nullptr};
  out.status = kam::abi::status_of_call([&] {
    if (instance == nullptr) return;
    void* library = nullptr;
    // Only the registry is consulted: a destroyed handle's memory is never read.
    if (!kam::abi::unregister_instance(instance, &library))
      throw kam::Error(kam::Status::invalid_argument,
                       "instance_destroy: instance is not a live KAM instance handle (destroyed "
                       "already, or never created)");
    out.library = library;  // set before anything can fail: the handle is gone either way
    instance->refusals.flush(instance);
    delete instance;
  });
  return out;
}

// kam_status kam_abi_instance_destroy(kam_instance*): the table's instance_destroy.
asm(R"(
    .text
    .p2align 4
    .globl kam_abi_instance_destroy
    .hidden kam_abi_instance_destroy
    .type kam_abi_instance_destroy, @function
kam_abi_instance_destroy:
    .cfi_startproc
    subq $8, %rsp
    .cfi_adjust_cfa_offset 8
    call kam_abi_destroy_instance
    addq $8, %rsp
    .cfi_adjust_cfa_offset -8
    testq %rdx, %rdx
    jnz 1f
    ret
1:
    movq %rdx, %rdi
    jmp dlclose@PLT
    .cfi_endproc
    .size kam_abi_instance_destroy, .-kam_abi_instance_destroy
)");
