// contacts_who_test.cpp - who is calling (ABI 1.4, kam/contacts.h) through the real .so, on both
// backends, on config/kam.example.yaml as shipped (default_region CN): account numbers and contact
// people's numbers and addresses in any common format found by any other format of the same number,
// a number shared by two accounts answering both, an unknown or unreadable caller as
// KAM_ERR_NOT_FOUND, lists replaced by each event (and left alone by a 1.3 host's account event),
// removed contacts, the counts of open work, and the permission.
#include <string>
#include <vector>

#include "complaints_fixture.hpp"

namespace kam::host_test::complaints {
namespace {

const Actor kHotline("agent-1", {"service.agent"});  // the example config: it answers the hotline

class ContactsWhoTest : public ComplaintsHostTest {
 protected:
  kam::host::Contacts contacts() { return instance().contacts(); }

  // An account with its own numbers and addresses, sent as a 1.4 host does (or, with
  // `struct_size` 104, as a 1.3 host: no phones or emails members).
  void account_with(const std::string& id, const std::vector<const char*>& phones,
                    const std::vector<const char*>& emails, int64_t at, const std::string& event_id,
                    uint32_t struct_size = sizeof(kam_event_account)) {
    const std::string name = "Account " + id;
    kam_event_account a{};
    a.header = {struct_size, KAM_EVENT_ACCOUNT_UPSERTED, event_id.c_str(), at};
    a.account_id = id.c_str();
    a.name = name.c_str();
    a.account_manager_id = "e-ann";
    a.phones = phones.data();
    a.phone_count = static_cast<uint32_t>(phones.size());
    a.emails = emails.data();
    a.email_count = static_cast<uint32_t>(emails.size());
    ingest(instance(), a.header);
  }
  std::string contact(const std::string& id, const std::string& account, const std::vector<const char*>& phones,
                      const std::vector<const char*>& emails, int64_t at, const std::string& event_id,
                      uint32_t flags = 0, bool expect_rejected = false) {
    kam_event_contact c{};
    const std::string name = "Contact " + id;
    c.header = {sizeof c, KAM_EVENT_CONTACT_UPSERTED, event_id.c_str(), at};
    c.contact_id = id.c_str();
    c.account_id = account.c_str();
    c.name = name.c_str();
    c.role = "purchasing";
    c.phones = phones.data();
    c.phone_count = static_cast<uint32_t>(phones.size());
    c.emails = emails.data();
    c.email_count = static_cast<uint32_t>(emails.size());
    c.flags = flags;
    return ingest(instance(), c.header, expect_rejected);
  }
  // The status of who for a query that must fail, and its message.
  std::pair<kam_status, std::string> who_fails(const std::string& query, const Actor& actor = kHotline) {
    try {
      contacts().who(actor, query);
    } catch (const kam::host::Error& e) {
      return {e.status(), e.message()};
    }
    ADD_FAILURE() << "who(" << query << ") succeeded";
    return {KAM_OK, {}};
  }
  std::vector<std::string> accounts_of(const std::string& query) {
    std::vector<std::string> ids;
    const json who = json::parse(contacts().who(kHotline, query));  // kept: the loop reads into it
    for (const json& m : who.at("matches")) ids.push_back(m.at("account_id").get<std::string>());
    return ids;
  }
};

TEST_P(ContactsWhoTest, AnyFormatOfANumberFindsItsAccountAndContact) {
  org();
  account_with("A-1", {"010 6552 9988"}, {"Info@Acme.CN"}, cst(1, 5, 9), "acc-A-1");
  contact("C-1", "A-1", {"138 0013 8000"}, {" Li.Wei@Acme.cn"}, cst(1, 5, 9), "con-C-1");

  const json own = json::parse(contacts().who(kHotline, "+86 10 6552 9988"));
  EXPECT_EQ(own.at("normalised"), "+861065529988");
  EXPECT_EQ(own.at("kind"), "phone");
  ASSERT_EQ(own.at("matches").size(), 1u) << own;
  const json& m = own.at("matches")[0];
  EXPECT_EQ(m.at("account_id"), "A-1");
  EXPECT_EQ(m.at("account_name"), "Account A-1");
  EXPECT_EQ(m.at("tier"), "standard");  // never evaluated: the default tier, as the card says
  EXPECT_TRUE(m.at("hotline").is_null());
  EXPECT_EQ(m.at("account_manager_id"), "e-ann");
  EXPECT_EQ(m.at("account_manager_name"), "e-ann");
  EXPECT_TRUE(m.at("contact").is_null());  // the account's own switchboard
  EXPECT_EQ(m.at("open_complaints"), 0);
  EXPECT_EQ(m.at("open_requests"), 0);

  for (const char* format : {"+8613800138000", "13800138000", "0086 138-0013-8000", "(+86) 138 0013 8000"}) {
    const json person = json::parse(contacts().who(kHotline, format));
    ASSERT_EQ(person.at("matches").size(), 1u) << format << ": " << person;
    EXPECT_EQ(person.at("normalised"), "+8613800138000") << format;
    EXPECT_EQ(person.at("matches")[0].at("contact"),
              (json{{"contact_id", "C-1"}, {"name", "Contact C-1"}, {"role", "purchasing"}}));
  }
  const json mail = json::parse(contacts().who(kHotline, "LI.WEI@acme.CN"));
  EXPECT_EQ(mail.at("kind"), "email");
  EXPECT_EQ(mail.at("normalised"), "li.wei@acme.cn");
  EXPECT_EQ(mail.at("matches")[0].at("contact").at("contact_id"), "C-1");
  // Full-width letters and digits fold (NFKC) like the stored address.
  EXPECT_EQ(accounts_of("ＩＮＦＯ@acme.cn"), std::vector<std::string>{"A-1"});
}

TEST_P(ContactsWhoTest, TierHotlineAndOpenWorkComeWithTheMatch) {
  org();
  at(cst(1, 6, 11));     // after the account's order (cst(1, 6, 10))
  account("G-1", true);  // gold: the example's hotline +86 400 800 2000
  contact("C-G", "G-1", {"+86 139 1111 2222"}, {}, cst(1, 5, 10), "con-C-G");
  Step open;
  open.event_id = "c-1";
  open.complaint_id = "CMP-1";
  open.account_id = "G-1";
  open.employee = "e-ann";
  open.department = "sales";
  open.at_ms = cst(1, 6, 9);
  send(open);
  kam_event_service_request r{};
  r.header = {sizeof r, KAM_EVENT_SERVICE_REQUEST, "sr-1", cst(1, 6, 9)};
  r.request_id = "SR-1";
  r.account_id = "G-1";
  r.action = KAM_SERVICE_OPENED;
  r.state = "new";
  r.employee_id = "e-ann";
  ingest(instance(), r.header);

  instance().tick(kAdmin);  // the visit plan check: gold since 01-06, every 90 days
  const json m = json::parse(contacts().who(kHotline, "13911112222")).at("matches").at(0);
  EXPECT_EQ(m.at("next_visit_due_ms"), cst(4, 6, 0));
  EXPECT_EQ(m.at("tier"), "gold");
  EXPECT_EQ(m.at("hotline"), "+86 400 800 2000");
  EXPECT_EQ(m.at("open_complaints"), 1);
  EXPECT_EQ(m.at("breached_complaints"), 0);
  EXPECT_EQ(m.at("open_requests"), 1);
}

// The lookup runs on a statement each pooled connection prepared once: a config reload and an
// instance opened again on the same database answer as before.
TEST_P(ContactsWhoTest, AReloadAndAReopenedInstanceStillAnswer) {
  org();
  at(cst(1, 6, 11));
  account("G-1", true);  // gold
  contact("C-G", "G-1", {"+86 139 1111 2222"}, {}, cst(1, 5, 10), "con-C-G");
  const auto first = [&] { return json::parse(contacts().who(kHotline, "+8613911112222")).at("matches").at(0); };
  EXPECT_EQ(first().at("hotline"), "+86 400 800 2000");
  std::string next = example_config(dir_.path(), url_);
  next.replace(next.find("+86 400 800 2000"), 16, "+86 400 800 2999");
  instance().reload_config(kAdmin, ConfigSource::text(next, "next.yaml"));
  EXPECT_EQ(first().at("hotline"), "+86 400 800 2999");
  EXPECT_EQ(first().at("contact").at("contact_id"), "C-G");
  instance_.reset();  // closes the store with its statements; a new instance prepares its own
  EXPECT_EQ(first().at("account_id"), "G-1");
  EXPECT_EQ(first().at("hotline"), "+86 400 800 2000");
  EXPECT_EQ(accounts_of("139 1111 2222"), std::vector<std::string>{"G-1"});
}

TEST_P(ContactsWhoTest, ANumberSharedByTwoAccountsReturnsBoth) {
  org();
  account_with("A-1", {"+86 21 5888 1234"}, {}, cst(1, 5, 9), "acc-A-1");
  account_with("B-2", {}, {}, cst(1, 5, 9), "acc-B-2");
  contact("C-B", "B-2", {"021-5888-1234"}, {}, cst(1, 5, 9), "con-C-B");  // the same number, national
  EXPECT_EQ(accounts_of("02158881234"), (std::vector<std::string>{"A-1", "B-2"}));
  // The same account twice (its own number and a contact's) is one match, with the contact.
  contact("C-A", "A-1", {"+862158881234"}, {}, cst(1, 5, 9), "con-C-A");
  const json both = json::parse(contacts().who(kHotline, "+86 21 5888 1234"));
  ASSERT_EQ(both.at("matches").size(), 2u) << both;
  EXPECT_EQ(both.at("matches")[0].at("contact").at("contact_id"), "C-A");
}

TEST_P(ContactsWhoTest, AnUnknownOrUnreadableCallerIsNotFound) {
  org();
  account_with("A-1", {"010 6552 9988", "not a number"}, {"broken-address"}, cst(1, 5, 9), "acc-A-1");
  auto [status, message] = who_fails("+86 10 1234 5678");
  EXPECT_EQ(status, KAM_ERR_NOT_FOUND);
  EXPECT_NE(message.find("not found"), std::string::npos) << message;
  EXPECT_NE(message.find("+861012345678"), std::string::npos) << message;
  // Stored unreadable values are kept but never matched, and an unreadable query is no number.
  std::tie(status, message) = who_fails("not a number");
  EXPECT_EQ(status, KAM_ERR_NOT_FOUND);
  EXPECT_NE(message.find("is not a phone number"), std::string::npos) << message;
  EXPECT_EQ(who_fails("broken-address").first, KAM_ERR_NOT_FOUND);
  EXPECT_EQ(who_fails("nobody@example.com").first, KAM_ERR_NOT_FOUND);
  EXPECT_EQ(who_fails("  ").first, KAM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM contact_points WHERE account_id = 'A-1' AND valid = 0"), "2");
}

TEST_P(ContactsWhoTest, EachEventReplacesItsOwnersListAndRemovalUnmatches) {
  org();
  account_with("A-1", {"010 6552 9988"}, {}, cst(1, 5, 9), "acc-A-1");
  contact("C-1", "A-1", {"13800138000"}, {"a@acme.cn"}, cst(1, 5, 9), "con-1");
  account_with("A-1", {"010 6552 7777"}, {}, cst(1, 6, 9), "acc-A-1-b");  // the new list only
  EXPECT_EQ(who_fails("01065529988").first, KAM_ERR_NOT_FOUND);
  EXPECT_EQ(accounts_of("01065527777"), std::vector<std::string>{"A-1"});
  EXPECT_EQ(accounts_of("13800138000"), std::vector<std::string>{"A-1"});  // the contact's stay
  // An older account event arriving late changes nothing, its list neither.
  account_with("A-1", {"010 6552 9988"}, {}, cst(1, 5, 12), "acc-A-1-late");
  EXPECT_EQ(who_fails("01065529988").first, KAM_ERR_NOT_FOUND);
  // A 1.3 host's account event (104 bytes) cannot carry numbers: the stored ones stay.
  account_with("A-1", {}, {}, cst(1, 7, 9), "acc-A-1-old-host", 104);
  EXPECT_EQ(accounts_of("01065527777"), std::vector<std::string>{"A-1"});
  // A removed contact no longer matches; its record stays.
  contact("C-1", "A-1", {"13800138000"}, {"a@acme.cn"}, cst(1, 7, 9), "con-1-gone", KAM_CONTACT_REMOVED);
  EXPECT_EQ(who_fails("13800138000").first, KAM_ERR_NOT_FOUND);
  EXPECT_EQ(who_fails("a@acme.cn").first, KAM_ERR_NOT_FOUND);
  EXPECT_EQ(scalar("SELECT removed FROM contacts WHERE contact_id = 'C-1'"), "1");
  // A contact of an unknown account is refused, storing nothing.
  const std::string refused = contact("C-9", "NOPE", {"13900000000"}, {}, cst(1, 7, 9), "con-9", 0, true);
  EXPECT_NE(refused.find("account 'NOPE' is unknown"), std::string::npos) << refused;
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM contacts WHERE contact_id = 'C-9'"), "0");
}

TEST_P(ContactsWhoTest, SendingTheSameContactTwiceIsADuplicate) {
  org();
  account_with("A-1", {}, {}, cst(1, 5, 9), "acc-A-1");
  contact("C-1", "A-1", {"13800138000"}, {}, cst(1, 5, 9), "con-1");
  const std::vector<const char*> phones{"13800138000"};
  kam_event_contact c{};
  c.header = {sizeof c, KAM_EVENT_CONTACT_UPSERTED, "con-1", cst(1, 5, 9)};
  c.contact_id = "C-1";
  c.account_id = "A-1";
  c.name = "Contact C-1";
  c.role = "purchasing";
  c.phones = phones.data();
  c.phone_count = 1;
  const kam_event_header* events[] = {&c.header};
  kam_event_result result{};
  kam_batch batch{};
  batch.struct_size = sizeof batch;
  batch.events = events;
  batch.event_count = 1;
  batch.source = "contacts-test";
  batch.results = &result;
  batch.results_struct_size = sizeof result;
  instance().ingest(kFeed, batch);
  EXPECT_EQ(result.outcome, KAM_ITEM_DUPLICATE);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM contact_points WHERE contact_id = 'C-1'"), "1");
}

TEST_P(ContactsWhoTest, WhoNeedsContactsLookup) {
  org();
  account_with("A-1", {"010 6552 9988"}, {}, cst(1, 5, 9), "acc-A-1");
  const auto [status, message] = who_fails("01065529988", Actor("auditor-1", {"auditor"}));
  EXPECT_EQ(status, KAM_ERR_PERMISSION);
  EXPECT_NE(message.find("contacts.lookup"), std::string::npos) << message;
}

INSTANTIATE_TEST_SUITE_P(Backends, ContactsWhoTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         backend_name);

}  // namespace
}  // namespace kam::host_test::complaints
