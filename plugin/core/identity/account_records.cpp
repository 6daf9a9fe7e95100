// account_records.cpp - the shared Preparer and an account's spellings.
#include "core/identity/account_records.hpp"

namespace kam::core::identity {

const Preparer& shared_preparer() {
  static const Preparer preparer;  // thread-safe initialisation; destroyed with the library
  return preparer;
}

std::vector<Record> prepare_account(const std::string& name, const std::string& name_latin, const std::string& tax_id) {
  std::vector<Record> out;
  const Preparer& preparer = shared_preparer();
  out.push_back(preparer.prepare(name, tax_id));
  if (!name_latin.empty() && name_latin != name) out.push_back(preparer.prepare(name_latin, tax_id));
  return out;
}

}  // namespace kam::core::identity
