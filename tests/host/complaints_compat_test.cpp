// complaints_compat_test.cpp - ABI 1.3's edges through the real libkam.so, SQLite and PostgreSQL:
//   - old hosts: a complaint event of the 1.2 size (104 bytes, no response_flags) is accepted and its
//     response is a first response; a newer host's larger struct is accepted only with zeros beyond;
//     unknown response_flags bits, a non-zero reserved member and bad employee records are rejected
//     as that item, with the member named, and nothing else is lost;
//   - old plugins: a 1.2 table (its size ends before `complaints`) and a 1.3 build without the
//     capability both make Instance::complaints() throw KAM_ERR_UNSUPPORTED;
//   - permissions: each query refused without its permission (audited), the finer rule (own queue,
//     department, all), and the tick's per-job permissions (a job the actor lacks is skipped and
//     logged once; none at all is KAM_ERR_PERMISSION);
//   - bad arguments of each query.
#include <mutex>
#include <string>
#include <vector>

#include "complaints_fixture.hpp"

namespace kam::host_test::complaints {
namespace {

using kam::host::Error;

class ComplaintCompatTest : public ComplaintsHostTest {
 protected:
  // A standard account S-1 and complaint C-1 opened by e-ann (sales) Mon 3/2 10:00.
  void one_complaint() {
    at(cst(3, 2, 9));
    org();
    account("S-1", /*gold=*/false);
    instance().evaluate_tiers(kAdmin);
    Step s = opened("C-1", cst(3, 2, 10));
    at(s.at_ms);
    send(s);
  }
  static Step opened(const std::string& id, int64_t at_ms) {
    Step s;
    s.event_id = id + "-open";
    s.complaint_id = id;
    s.account_id = "S-1";
    s.at_ms = at_ms;
    s.employee = "e-ann";
    s.department = "sales";
    return s;
  }
  static Step responded(const std::string& event_id, int64_t at_ms, uint32_t flags = 0) {
    Step s;
    s.event_id = event_id;
    s.complaint_id = "C-1";
    s.at_ms = at_ms;
    s.action = KAM_COMPLAINT_RESPONDED;
    s.employee = "e-ann";
    s.response_flags = flags;
    return s;
  }
  std::vector<std::string> ledger_kinds(const std::string& id) {
    std::vector<std::string> kinds;
    const json timeline = json::parse(complaints().show(kAdmin, id));
    for (const json& e : timeline.at("ledger")) kinds.push_back(e.at("kind"));
    return kinds;
  }
};

// ------------------------------------------------------------------------------------------------
// old hosts, newer hosts, bad items
// ------------------------------------------------------------------------------------------------

TEST_P(ComplaintCompatTest, AOneTwoSizedComplaintEventIsAcceptedAndItsResponseCounts) {
  at(cst(3, 2, 9));
  org();
  account("S-1", false);
  // Both steps from a host built against the 1.2 header: 104 bytes, response_flags not there.
  Step open = opened("C-1", cst(3, 2, 10));
  open.struct_size = offsetof(kam_event_complaint, response_flags);
  ASSERT_EQ(open.struct_size, 104u);
  at(open.at_ms);
  send(open);
  // Responses the customer does not see from a person stop no clock (recorded as "responded").
  at(cst(3, 2, 10, 30));
  for (uint32_t flags : {KAM_RESPONSE_INBOUND, KAM_RESPONSE_AUTOMATIC, KAM_RESPONSE_INTERNAL,
                         KAM_RESPONSE_INBOUND | KAM_RESPONSE_INTERNAL})
    send(responded("c1-r" + std::to_string(flags), cst(3, 2, 10, 30), flags));
  EXPECT_EQ(clock_of("C-1", "first_response").at("active"), true);
  Step old = responded("c1-old-response", cst(3, 2, 11));
  old.struct_size = 104;
  old.response_flags = 0xFFFFFFFFu;  // beyond the host's struct: the plugin must not read it
  at(old.at_ms);
  send(old);
  const json first = clock_of("C-1", "first_response");
  EXPECT_EQ(first.at("active"), false) << "the 1.2 host's response is a first response";
  EXPECT_EQ(first.at("elapsed_ms"), kHour);
  EXPECT_EQ(ledger_kinds("C-1"),
            (std::vector<std::string>{"received", "target_set", "responded", "responded", "responded", "responded",
                                      "first_response"}));
  // The same event sent again is a duplicate (the fingerprint of a 1.2 event is stable).
  const kam_event_complaint again = old.c_struct();
  const kam_event_header* events[] = {&again.header};
  kam_batch batch{};
  batch.struct_size = sizeof batch;
  batch.events = events;
  batch.event_count = 1;
  batch.source = "again";
  kam_batch_summary summary{};
  summary.struct_size = sizeof summary;
  instance().ingest(kFeed, batch, &summary);
  EXPECT_EQ(summary.duplicates, 1u);
}

TEST_P(ComplaintCompatTest, BadComplaintAndEmployeeItemsAreRejectedNamingTheMember) {
  one_complaint();
  // Unknown response_flags bits: that item is rejected (KAM_ERR_UNSUPPORTED), naming the member.
  std::string message = send(responded("c1-bits", cst(3, 2, 11), 8u), /*expect_rejected=*/true);
  EXPECT_NE(message.find("response_flags"), std::string::npos) << message;
  // A non-zero reserved member.
  {
    const Step keep = responded("c1-reserved", cst(3, 2, 11));  // owns the strings e points to
    kam_event_complaint e = keep.c_struct();
    e.reserved0 = 1;
    message = ingest(instance(), e.header, true);
    EXPECT_NE(message.find("reserved0"), std::string::npos) << message;
  }
  // A newer host's larger struct: zeros beyond are fine, a set byte is refused as that item.
  {
    struct Newer {
      kam_event_complaint e;
      uint64_t future_member;
    };
    Step s = responded("c1-newer", cst(3, 2, 11), KAM_RESPONSE_INTERNAL);
    Newer n{s.c_struct(), 7};
    n.e.header.struct_size = sizeof n;
    message = ingest(instance(), n.e.header, true);
    EXPECT_NE(message.find("kam_event_complaint"), std::string::npos) << message;
    n.future_member = 0;
    ingest(instance(), n.e.header);
  }
  // Employee records: unknown flags, a control character in an id, an over-long id or name, a
  // struct smaller than its first size.
  const std::string long_id(KAM_MAX_ID_BYTES + 1, 'x'), long_name(KAM_MAX_NAME_BYTES + 1, 'n');
  auto employee_item = [&](const char* event_id, const char* id, const char* name, uint32_t flags,
                           uint32_t size = sizeof(kam_event_employee)) {
    kam_event_employee e{};
    e.header = {size, KAM_EVENT_EMPLOYEE_UPSERTED, event_id, cst(3, 2, 11)};
    e.employee_id = id;
    e.name = name;
    e.flags = flags;
    return ingest(instance(), e.header, true);
  };
  EXPECT_NE(employee_item("emp-flags", "e-dan", "Dan", 2u).find("flags"), std::string::npos);
  EXPECT_NE(employee_item("emp-ctl", "e-\x1b[31m", "Dan", 0).find("employee_id"), std::string::npos);
  EXPECT_NE(employee_item("emp-long", long_id.c_str(), "Dan", 0).find("employee_id"), std::string::npos);
  EXPECT_NE(employee_item("emp-name", "e-dan", long_name.c_str(), 0).find("name"), std::string::npos);
  EXPECT_NE(employee_item("emp-small", "e-dan", "Dan", 0, 72).find("kam_event_employee"), std::string::npos);
  {
    kam_event_employee e{};
    e.header = {sizeof e, KAM_EVENT_EMPLOYEE_UPSERTED, "emp-reserved", cst(3, 2, 11)};
    e.employee_id = "e-dan";
    e.reserved0 = 1;
    EXPECT_NE(ingest(instance(), e.header, true).find("reserved0"), std::string::npos);
  }
  // Nothing else was lost: the complaint is as it was, still waiting for its first response.
  EXPECT_EQ(ledger_kinds("C-1"), (std::vector<std::string>{"received", "target_set", "responded"}));
  EXPECT_EQ(clock_of("C-1", "first_response").at("active"), true);
}

// ------------------------------------------------------------------------------------------------
// permissions
// ------------------------------------------------------------------------------------------------

TEST_P(ComplaintCompatTest, EachQueryChecksItsPermission) {
  one_complaint();
  const Actor nobody("nobody", {"no.such.role"}), feed = kFeed;
  const kam::host::Complaints c = complaints();
  for (const Actor* actor : {&nobody, &feed}) {
    SCOPED_TRACE(actor->user_id());
    for (auto& [call, run] : std::vector<std::pair<std::string, std::function<void()>>>{
             {"complaints.queue", [&] { c.queue(*actor, "e-ann"); }},
             {"complaints.account_complaints", [&] { c.account(*actor, "S-1"); }},
             {"complaints.complaint", [&] { c.show(*actor, "C-1"); }},
         }) {
      const Error e = expect_error(KAM_ERR_PERMISSION, run);
      EXPECT_NE(e.message().find("complaints.read"), std::string::npos) << e.what();
      EXPECT_EQ(std::string(e.what()).rfind(call + ": KAM_ERR_PERMISSION", 0), 0u) << e.what();
    }
    const Error e = expect_error(KAM_ERR_PERMISSION, [&] { c.kpis(*actor, KAM_COMPLAINT_KPI_ALL); });
    EXPECT_NE(e.message().find("complaints.kpi"), std::string::npos) << e.what();
  }
  // The refusals are in the audit trail, one per call and user.
  kam::host::AuditQuery query;
  query.entity_type = "call";
  int refusals = 0;
  for (const json& row : json::parse(instance().audit_query(kAdmin, query)))
    if (row.at("action") == "permission.refused" && row.at("entity_id").get<std::string>().rfind("complaints.", 0) == 0)
      ++refusals;
  EXPECT_EQ(refusals, 8);

  // complaints.read: the actor's own queue and the complaints they own or whose account they
  // manage (e-ann manages S-1); not someone else's queue, and no KPIs.
  const Actor ann("e-ann", {"cs.agent"}), bob("e-bob", {"cs.agent"});
  EXPECT_NO_THROW(c.queue(ann, "e-ann"));
  EXPECT_NO_THROW(c.show(ann, "C-1"));
  EXPECT_NO_THROW(c.account(ann, "S-1"));
  EXPECT_EQ(json::parse(c.queue(bob, "e-bob")).at("complaints").size(), 0u);
  expect_error(KAM_ERR_PERMISSION, [&] { c.queue(bob, "e-ann"); });
  expect_error(KAM_ERR_PERMISSION, [&] { c.show(bob, "C-1"); });
  expect_error(KAM_ERR_PERMISSION, [&] { c.kpis(ann, KAM_COMPLAINT_KPI_ALL); });
  // complaints.read.department: m-lee's department is sales, e-ann's too.
  const Actor lee("m-lee", {"cs.supervisor"}), wu("m-wu", {"cs.supervisor"});
  EXPECT_NO_THROW(c.queue(lee, "e-ann"));
  EXPECT_NO_THROW(c.show(lee, "C-1"));
  expect_error(KAM_ERR_PERMISSION, [&] { c.queue(wu, "e-ann"); });
  // complaints.read.all and complaints.kpi.
  const Actor head("h-1", {"cs.head"});
  EXPECT_NO_THROW(c.queue(head, "e-ann"));
  EXPECT_NO_THROW(c.show(head, "C-1"));
  at(cst(3, 2, 11));  // the default period ends at the host's now, exclusive: after the complaint came in
  EXPECT_EQ(json::parse(c.kpis(head, KAM_COMPLAINT_KPI_ALL)).at("total").at("complaints"), 1);
}

TEST_P(ComplaintCompatTest, TheTickRunsTheJobsWhosePermissionTheActorHolds) {
  one_complaint();
  instance_.reset();
  std::mutex m;
  std::vector<std::string> lines;
  kam::host::HostCallbacks cb = callbacks();
  cb.log = [&](kam_log_level, std::string_view line) {
    std::lock_guard<std::mutex> lock(m);
    lines.emplace_back(line);
  };
  instance_.emplace(plugin_, ConfigSource::text(example_config(dir_.path(), url_), "kam.example.yaml"), std::move(cb));
  auto skipped = [&](const std::string& job) {
    std::lock_guard<std::mutex> lock(m);
    int n = 0;
    for (const std::string& l : lines)
      if (l.find("'" + job + "' skipped") != std::string::npos) ++n;
    return n;
  };

  // Only the SLA check: it runs, the tier evaluation is skipped and logged once.
  const Actor sla_only("sla-bot", {"cs.ticker"}), tiers_only("tier-bot", {"tier.ticker"});
  at(cst(3, 2, 20));
  kam_tick_result r = instance().tick(sla_only);
  EXPECT_EQ(r.sla_ran, 1u);
  EXPECT_EQ(r.tier_evaluation_ran, 0u);
  at(cst(3, 3, 20));
  r = instance().tick(sla_only);
  EXPECT_EQ(r.sla_ran, 1u);
  EXPECT_EQ(skipped("tiers.evaluate"), 1) << "logged once per instance";
  // Only the tier evaluation: it runs (an hour has passed), the SLA check is skipped.
  at(cst(3, 4, 20));
  r = instance().tick(tiers_only);
  EXPECT_EQ(r.tier_evaluation_ran, 1u);
  EXPECT_EQ(r.sla_ran, 0u);
  EXPECT_EQ(skipped("complaints.sla"), 1);
  // Neither: refused, naming both permissions.
  const Error e = expect_error(KAM_ERR_PERMISSION, [&] { instance().tick(Actor("nobody", {"no.such.role"})); });
  EXPECT_NE(e.message().find("tiers.evaluate"), std::string::npos) << e.what();
  EXPECT_NE(e.message().find("complaints.tick"), std::string::npos) << e.what();
}

// ------------------------------------------------------------------------------------------------
// a calendar changed by a reload
// ------------------------------------------------------------------------------------------------

TEST_P(ComplaintCompatTest, AReloadThatAddsAHolidayMovesTheOpenDeadline) {
  one_complaint();
  // Opened Mon 3/2 10:00, standard, first response 16h: Mon 10-12 (2), 13-18 (7), Tue 3/3 (15),
  // Wed 3/4 09-10 (16): Wed 10:00.
  EXPECT_EQ(clock_of("C-1", "first_response").at("deadline_ms"), cst(3, 4, 10));
  // Mon 12:00 the government declares Tue 3/3 a holiday and the config is reloaded. The 2h before
  // stay; 14h from Mon 12:00: Mon 13-18 (5, 7 in all), Tue not worked, Wed 3/4 (15), Thu 3/5 09-10
  // (16): Thu 10:00.
  at(cst(3, 2, 12));
  std::string changed = example_config(dir_.path(), url_);
  const std::string new_year = "      - {from: 2026-01-01, to: 2026-01-03, name: New Year}\n";
  ASSERT_NE(changed.find(new_year), std::string::npos);
  changed.replace(changed.find(new_year), new_year.size(), new_year + "      - {date: 2026-03-03, name: Declared}\n");
  instance().reload_config(kAdmin, ConfigSource::text(changed, "kam.example.yaml"));
  EXPECT_EQ(clock_of("C-1", "first_response").at("deadline_ms"), cst(3, 5, 10));
  const std::vector<std::string> kinds = ledger_kinds("C-1");
  EXPECT_EQ(kinds.back(), "calendar_changed");
  // Reloading the same config again changes nothing more.
  instance().reload_config(kAdmin, ConfigSource::text(changed, "kam.example.yaml"));
  EXPECT_EQ(ledger_kinds("C-1"), kinds);
}

// ------------------------------------------------------------------------------------------------
// bad arguments
// ------------------------------------------------------------------------------------------------

TEST_P(ComplaintCompatTest, BadArgumentsOfEachQueryAreRefusedClearly) {
  one_complaint();
  const kam::host::Complaints c = complaints();
  Error e = expect_error(KAM_ERR_INVALID_ARGUMENT, [&] { c.queue(kAdmin, "e-ann", 1001); });
  EXPECT_NE(e.message().find("limit"), std::string::npos) << e.what();
  EXPECT_EQ(json::parse(c.queue(kAdmin, "e-ann", 1000)).at("complaints").size(), 1u);
  expect_error(KAM_ERR_INVALID_ARGUMENT, [&] { c.queue(kAdmin, ""); });
  expect_error(KAM_ERR_INVALID_ARGUMENT, [&] { c.queue(kAdmin, "e-\nann"); });
  expect_error(KAM_ERR_INVALID_ARGUMENT, [&] { c.account(kAdmin, "S-1", false, 5000); });
  expect_error(KAM_ERR_NOT_FOUND, [&] { c.account(kAdmin, "NO-SUCH"); });
  expect_error(KAM_ERR_NOT_FOUND, [&] { c.show(kAdmin, "NO-SUCH"); });
  EXPECT_EQ(json::parse(c.queue(kAdmin, "never-heard-of")).at("complaints").size(), 0u);

  // Through the raw table: flags the plugin does not know, the KPI query's struct and values.
  const kam_complaints_v1& t = c.table();
  kam_instance* inst = c.handle();
  kam::host::Buffer out = plugin_.new_buffer();
  EXPECT_EQ(t.account_complaints(inst, kAdmin.get(), "S-1", 2u, 0, out.get()), KAM_ERR_UNSUPPORTED);
  EXPECT_EQ(t.queue(inst, kAdmin.get(), "e-ann", 0, nullptr), KAM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(t.complaint_kpis(inst, kAdmin.get(), nullptr, out.get()), KAM_ERR_INVALID_ARGUMENT);
  kam_complaint_kpi_query q{};
  q.struct_size = 8;
  EXPECT_EQ(t.complaint_kpis(inst, kAdmin.get(), &q, out.get()), KAM_ERR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(plugin_.api().last_error_message()).find("kam_complaint_kpi_query"), std::string::npos);
  e = expect_error(KAM_ERR_INVALID_ARGUMENT, [&] { c.kpis(kAdmin, 7); });
  EXPECT_NE(e.message().find("group_by"), std::string::npos) << e.what();
  e = expect_error(KAM_ERR_INVALID_ARGUMENT, [&] { c.kpis(kAdmin, KAM_COMPLAINT_KPI_ALL, cst(3, 5, 0), cst(3, 1, 0)); });
  EXPECT_NE(e.message().find("from_ms"), std::string::npos) << e.what();
  expect_error(KAM_ERR_INVALID_ARGUMENT, [&] { c.kpis(kAdmin, KAM_COMPLAINT_KPI_ALL, -5, 0); });
  // A newer host's larger query: zeros beyond are fine, a set byte is refused.
  struct Newer {
    kam_complaint_kpi_query q;
    int64_t future_member;
  } newer{};
  newer.q.struct_size = sizeof newer;
  EXPECT_EQ(t.complaint_kpis(inst, kAdmin.get(), &newer.q, out.get()), KAM_OK) << plugin_.api().last_error_message();
  // The defaults: to_ms the host's now, from_ms 30 days before it; [from, to) holds the complaint
  // received Mon 10:00 once the host's now is past it, and not while now is that instant.
  json kpi = json::parse(out.str());
  EXPECT_EQ(kpi.at("to_ms"), cst(3, 2, 10));
  EXPECT_EQ(kpi.at("from_ms"), cst(3, 2, 10) - 30 * kDay);
  EXPECT_EQ(kpi.at("total").at("complaints"), 0);
  out.reset();
  at(cst(3, 2, 11));
  ASSERT_EQ(t.complaint_kpis(inst, kAdmin.get(), &newer.q, out.get()), KAM_OK) << plugin_.api().last_error_message();
  kpi = json::parse(out.str());
  EXPECT_EQ(kpi.at("to_ms"), cst(3, 2, 11));
  EXPECT_EQ(kpi.at("total").at("complaints"), 1);
  out.reset();
  newer.future_member = 1;
  EXPECT_EQ(t.complaint_kpis(inst, kAdmin.get(), &newer.q, out.get()), KAM_ERR_UNSUPPORTED);
}

INSTANTIATE_TEST_SUITE_P(Backends, ComplaintCompatTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         backend_name);

// ------------------------------------------------------------------------------------------------
// plugins older than 1.3 (stand-ins that forward to the real one)
// ------------------------------------------------------------------------------------------------

TEST(ComplaintsOlderPlugin, AOneTwoTableHasNoComplaintsAndTheWrapperSaysSo) {
  // The real table cut to the 1.2 size: KAM_API_HAS sees no getter, whatever lies beyond.
  const Plugin real = Plugin::load(kPluginPath);
  kam_api_v1 cut = real.api();
  cut.struct_size = static_cast<uint32_t>(offsetof(kam_api_v1, complaints));
  EXPECT_EQ(cut.struct_size, 192u);
  EXPECT_FALSE(KAM_API_HAS(&cut, complaints));
  EXPECT_TRUE(KAM_API_HAS(&real.api(), complaints));
  EXPECT_GE(real.abi_minor(), 3u);

  TempDir dir;
  const Plugin old = Plugin::load(KAM_FAKE_PLUGIN_1_2_PATH);
  EXPECT_EQ(old.abi_minor(), 2u);
  Instance instance(old, ConfigSource::text(example_config(dir.path(), "sqlite:" + dir.file("kam.db"))));
  const Error e = expect_error(KAM_ERR_UNSUPPORTED, [&] { instance.complaints(); });
  EXPECT_NE(e.message().find("has no complaints"), std::string::npos) << e.what();
  EXPECT_NE(e.message().find("ABI 1.2"), std::string::npos) << e.what();
  EXPECT_NE(e.message().find(">= 1.3"), std::string::npos) << e.what();
  EXPECT_NO_THROW(instance.tiers_list(kAdmin)) << "its 1.2 calls work";
  kam::host::LoadOptions options;
  options.required_minor = 3;
  expect_error(KAM_ERR_VERSION, [&] { Plugin::load(KAM_FAKE_PLUGIN_1_2_PATH, options); });
}

TEST(ComplaintsOlderPlugin, ABuildWithoutComplaintTrackingIsUnsupported) {
  TempDir dir;
  const Plugin without = Plugin::load(KAM_FAKE_PLUGIN_NO_COMPLAINTS_PATH);
  EXPECT_EQ(without.abi_minor(), 3u);
  EXPECT_TRUE(KAM_API_HAS(&without.api(), complaints));
  EXPECT_EQ(without.api().complaints(), nullptr);
  Instance instance(without, ConfigSource::text(example_config(dir.path(), "sqlite:" + dir.file("kam.db"))));
  const Error e = expect_error(KAM_ERR_UNSUPPORTED, [&] { instance.complaints(); });
  EXPECT_NE(e.message().find("without complaint tracking"), std::string::npos) << e.what();
}

}  // namespace
}  // namespace kam::host_test::complaints
