// contacts.hpp - the demo company's contact people and customer visits (ABI 1.4), as JSON lines
// `kamhost import` reads: every account's switchboard number and mailbox (account_upserted again,
// now with phones and emails), two contact people with mobiles and addresses for each of the
// largest accounts (one number shared by two accounts of one group), and the completed visits of
// the largest accounts, some long enough ago that their visit is overdue. Seeded and deterministic.
#pragma once

#include <cstdint>
#include <ostream>
#include <vector>

#include "demo/portfolio.hpp"

namespace kamhost::demo {

struct ContactsOptions {
  uint64_t seed = 1;
  int64_t end_ms = 0;            // the portfolio's end: visits happen before it
  uint64_t key_accounts = 60;    // contact people and visits for this many of the largest accounts
};

struct ContactsSummary {
  uint64_t accounts = 0, contacts = 0, visits = 0;
  std::string shared_number;   // the number two accounts share (kamhost who shows both)
  std::string key_number;      // the largest account's first contact's mobile
};

ContactsSummary write_contacts(const ContactsOptions& options, const std::vector<DemoAccount>& accounts,
                               std::ostream& out);

}  // namespace kamhost::demo
