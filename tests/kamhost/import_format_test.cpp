// The import file formats without a plugin: times and JSON lines -> kam_event_* structs (docs/import.md).
#include <cstddef>
#include <gtest/gtest.h>

#include <cstring>
#include <sstream>

#include "import_format.hpp"

namespace {

using namespace kamhost::import;

constexpr int64_t kDay = 86'400'000;

std::string str(const char* s) { return s ? s : "<null>"; }

AnyEvent json_event(const std::string& line, Arena& arena) {
  AnyEvent e;
  parse_json_event(line, arena, e);
  return e;
}

// The ParseError message for line, or "" if it parsed.
std::string json_error(const std::string& line) {
  Arena arena;
  AnyEvent e;
  try {
    parse_json_event(line, arena, e);
  } catch (const ParseError& err) {
    return err.what();
  }
  return "";
}

// ---- times ----

TEST(ImportTime, DatesAndRfc3339) {
  EXPECT_EQ(parse_time("1970-01-01"), 0);
  EXPECT_EQ(parse_time("2026-03-01"), 1772323200000);
  EXPECT_EQ(parse_time("2026-03-01T09:30:00Z"), 1772357400000);
  EXPECT_EQ(parse_time("2026-03-01T17:30:00+08:00"), 1772357400000);
  EXPECT_EQ(parse_time("2026-03-01T04:00:00-05:30"), 1772357400000);
  EXPECT_EQ(parse_time("2026-03-01t09:30:00z"), 1772357400000);
  EXPECT_EQ(parse_time("2026-03-01 09:30:00Z"), 1772357400000);
  EXPECT_EQ(parse_time("2026-03-01T00:00:00.5Z"), 1772323200500);
  EXPECT_EQ(parse_time("2026-03-01T00:00:00.123456Z"), 1772323200123);
  EXPECT_EQ(parse_time("2024-02-29"), parse_time("2024-02-28").value() + kDay);  // leap year
  EXPECT_EQ(parse_time("2000-02-29"), parse_time("2000-03-01").value() - kDay);
  EXPECT_EQ(parse_time("1969-12-31"), -kDay);  // parsed; the plugin refuses times before 1970
}

TEST(ImportTime, Invalid) {
  for (const char* bad : {"", "2026", "2026-3-01", "2026-13-01", "2026-00-10", "2026-02-29", "2100-02-29",
                          "2026-04-31", "2026-03-01T09:30:00", "2026-03-01T09:30Z", "2026-03-01T24:00:00Z",
                          "2026-03-01T09:60:00Z", "2026-03-01T09:30:00+8:00", "2026-03-01T09:30:00+0800",
                          "2026-03-01T09:30:00.Z", "2026-03-01x", "2026-03-01T09:30:00Z ", " 2026-03-01",
                          "01.03.2026", "1772323200000"}) {
    EXPECT_FALSE(parse_time(bad).has_value()) << bad;
  }
}

TEST(ImportTime, FormatUtc) {
  EXPECT_EQ(format_utc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_utc(1772357400123), "2026-03-01T09:30:00Z");
  EXPECT_EQ(format_utc(1772357400123, true), "2026-03-01T09:30:00.123Z");
  EXPECT_EQ(format_utc(-1), "1969-12-31T23:59:59Z");
  for (int64_t ms : {int64_t{0}, int64_t{951782400000}, int64_t{1772357400000}, int64_t{253402300799000}})
    EXPECT_EQ(parse_time(format_utc(ms)), ms);
}

// ---- JSON lines ----

TEST(ImportJson, SkippedLines) {
  EXPECT_TRUE(is_skipped_json_line(""));
  EXPECT_TRUE(is_skipped_json_line("   \t"));
  EXPECT_TRUE(is_skipped_json_line("# a comment"));
  EXPECT_TRUE(is_skipped_json_line("  # indented comment"));
  EXPECT_FALSE(is_skipped_json_line("{}"));
}

TEST(ImportJson, AccountWithPhonesAndContact) {
  Arena arena;
  AnyEvent a = json_event(
      R"({"kind":"account_upserted","event_id":"a2","occurred_at":"2026-01-05","account_id":"1001","name":"N",)"
      R"("phones":["010 6552 9988"],"emails":[]})",
      arena);
  EXPECT_EQ(a.header.struct_size, sizeof(kam_event_account));
  ASSERT_EQ(a.account.phone_count, 1u);
  EXPECT_EQ(str(a.account.phones[0]), "010 6552 9988");
  EXPECT_EQ(a.account.email_count, 0u);
  AnyEvent c = json_event(
      R"({"kind":"contact","event_id":"c1","occurred_at":"2026-01-05","contact_id":"CT-1","account_id":"1001",)"
      R"("name":"Li Wei","role":"purchasing","phones":["138 0013 8000"],"emails":["li@x.cn"],"flags":["removed"]})",
      arena);
  EXPECT_EQ(c.header.kind, KAM_EVENT_CONTACT_UPSERTED);
  EXPECT_EQ(c.header.struct_size, sizeof(kam_event_contact));
  EXPECT_EQ(str(c.contact.contact_id), "CT-1");
  EXPECT_EQ(str(c.contact.role), "purchasing");
  ASSERT_EQ(c.contact.email_count, 1u);
  EXPECT_EQ(str(c.contact.emails[0]), "li@x.cn");
  EXPECT_EQ(c.contact.flags, KAM_CONTACT_REMOVED);
}

TEST(ImportJson, Account) {
  Arena arena;
  AnyEvent e = json_event(
      R"({"kind":"account_upserted","event_id":"acc-1001-v1","occurred_at":"2026-01-05","account_id":"1001",)"
      R"("name":"华东精密机械有限公司","name_latin":"Huadong","tax_id":"9131","region":"East China",)"
      R"("industry":"machinery","account_manager_id":"u.li","distributor_id":"D88","flags":["strategic","x"]})",
      arena);
  EXPECT_EQ(e.header.kind, KAM_EVENT_ACCOUNT_UPSERTED);
  // No phones or emails: sent as a 1.3 host does, so the numbers stored stay (docs/import.md).
  EXPECT_EQ(e.header.struct_size, offsetof(kam_event_account, phones));
  EXPECT_EQ(str(e.header.event_id), "acc-1001-v1");
  EXPECT_EQ(e.header.occurred_at_ms, parse_time("2026-01-05"));
  const auto& a = e.account;
  EXPECT_EQ(str(a.account_id), "1001");
  EXPECT_EQ(str(a.name), "华东精密机械有限公司");
  EXPECT_EQ(str(a.name_latin), "Huadong");
  EXPECT_EQ(str(a.tax_id), "9131");
  EXPECT_EQ(str(a.region), "East China");
  EXPECT_EQ(str(a.industry), "machinery");
  EXPECT_EQ(str(a.account_manager_id), "u.li");
  EXPECT_EQ(str(a.distributor_id), "D88");
  ASSERT_EQ(a.flag_count, 2u);
  EXPECT_EQ(str(a.flags[0]), "strategic");
  EXPECT_EQ(str(a.flags[1]), "x");
  EXPECT_EQ(a.reserved0, 0u);
}

TEST(ImportJson, AbsentFieldsAreNull) {
  Arena arena;
  AnyEvent e = json_event(
      R"({"kind":"account_upserted","event_id":"a","occurred_at_ms":5,"account_id":"1","name":"n","region":null})",
      arena);
  EXPECT_EQ(e.header.occurred_at_ms, 5);
  EXPECT_EQ(e.account.name_latin, nullptr);
  EXPECT_EQ(e.account.region, nullptr);
  EXPECT_EQ(e.account.flags, nullptr);
  EXPECT_EQ(e.account.flag_count, 0u);
}

TEST(ImportJson, Order) {
  Arena arena;
  AnyEvent e = json_event(
      R"({"kind":"order_posted","event_id":"so-5003","occurred_at":"2026-01-12T10:00:00+08:00","order_id":"SO-5003",)"
      R"("account_id":"1002","amount_minor":4200000,"margin_minor":-900000,"currency":"EUR","document_type":"credit_note"})",
      arena);
  EXPECT_EQ(e.header.kind, KAM_EVENT_ORDER_POSTED);
  EXPECT_EQ(e.header.struct_size, sizeof(kam_event_order));
  EXPECT_EQ(e.header.occurred_at_ms, parse_time("2026-01-12T02:00:00Z"));
  EXPECT_EQ(str(e.order.order_id), "SO-5003");
  EXPECT_EQ(str(e.order.account_id), "1002");
  EXPECT_EQ(e.order.amount.minor_units, 4200000);
  EXPECT_STREQ(e.order.amount.currency, "EUR");
  EXPECT_EQ(e.order.margin.minor_units, -900000);
  EXPECT_STREQ(e.order.margin.currency, "EUR");
  EXPECT_EQ(e.order.document_type, KAM_DOCUMENT_CREDIT_NOTE);

  AnyEvent plain = json_event(
      R"({"kind":"order_posted","event_id":"x","occurred_at":"2026-01-12","order_id":"o","account_id":"a","amount_minor":1,"currency":"CNY"})",
      arena);
  EXPECT_EQ(plain.order.margin.minor_units, 0);
  EXPECT_STREQ(plain.order.margin.currency, "CNY");
  EXPECT_EQ(plain.order.document_type, 0);  // 0 means KAM_DOCUMENT_ORDER
}

TEST(ImportJson, CancelComplaintServiceVisitDistributor) {
  Arena arena;
  AnyEvent c = json_event(
      R"({"kind":"order_cancelled","event_id":"x1","occurred_at":"2026-02-12","order_id":"SO-1","reason":"dup"})",
      arena);
  EXPECT_EQ(c.header.kind, KAM_EVENT_ORDER_CANCELLED);
  EXPECT_EQ(c.header.struct_size, sizeof(kam_event_order_cancel));
  EXPECT_EQ(str(c.order_cancel.order_id), "SO-1");
  EXPECT_EQ(str(c.order_cancel.reason), "dup");

  AnyEvent p = json_event(
      R"({"kind":"complaint","event_id":"cp-2","occurred_at":"2026-02-14T10:05:00+08:00","complaint_id":"CP-77",)"
      R"("account_id":"1001","action":"handed_off","severity":3,"employee_id":"u.wang","department":"sales",)"
      R"("to_employee_id":"u.zhao","to_department":"logistics","channel":"hotline","category":"delivery","text":"t"})",
      arena);
  EXPECT_EQ(p.header.kind, KAM_EVENT_COMPLAINT);
  EXPECT_EQ(p.header.struct_size, sizeof(kam_event_complaint));
  EXPECT_EQ(p.complaint.action, KAM_COMPLAINT_HANDED_OFF);
  EXPECT_EQ(p.complaint.severity, 3);
  EXPECT_EQ(str(p.complaint.complaint_id), "CP-77");
  EXPECT_EQ(str(p.complaint.account_id), "1001");
  EXPECT_EQ(str(p.complaint.employee_id), "u.wang");
  EXPECT_EQ(str(p.complaint.department), "sales");
  EXPECT_EQ(str(p.complaint.to_employee_id), "u.zhao");
  EXPECT_EQ(str(p.complaint.to_department), "logistics");
  EXPECT_EQ(str(p.complaint.channel), "hotline");
  EXPECT_EQ(str(p.complaint.category), "delivery");
  EXPECT_EQ(str(p.complaint.text), "t");
  const std::pair<const char*, int> actions[] = {{"opened", 1},   {"handed_off", 2}, {"responded", 3},
                                                 {"resolved", 4}, {"closed", 5},     {"reopened", 6},
                                                 {"commented", 7}};
  for (auto [name, value] : actions) EXPECT_EQ(complaint_action_from_name(name), value) << name;

  AnyEvent s = json_event(
      R"({"kind":"service_request","event_id":"sr-1","occurred_at":"2026-02-20","request_id":"SR-12","account_id":"1001",)"
      R"("action":"state_changed","state":"waiting","employee_id":"u.li","assignee_id":"u.x","category":"m","text":"t"})",
      arena);
  EXPECT_EQ(s.header.kind, KAM_EVENT_SERVICE_REQUEST);
  EXPECT_EQ(s.header.struct_size, sizeof(kam_event_service_request));
  EXPECT_EQ(s.service_request.action, KAM_SERVICE_STATE_CHANGED);
  EXPECT_EQ(str(s.service_request.request_id), "SR-12");
  EXPECT_EQ(str(s.service_request.state), "waiting");
  EXPECT_EQ(str(s.service_request.assignee_id), "u.x");
  EXPECT_EQ(service_action_from_name("assigned"), KAM_SERVICE_ASSIGNED);
  EXPECT_EQ(service_action_from_name("commented"), KAM_SERVICE_COMMENTED);

  AnyEvent v = json_event(
      R"({"kind":"visit","event_id":"v-1","occurred_at":"2026-02-21","visit_id":"V-9","account_id":"1001",)"
      R"("employee_id":"u.li","status":"planned","planned_for":"2026-03-05T10:00:00+08:00","notes":"n"})",
      arena);
  EXPECT_EQ(v.header.kind, KAM_EVENT_VISIT);
  EXPECT_EQ(v.header.struct_size, sizeof(kam_event_visit));
  EXPECT_EQ(v.visit.status, KAM_VISIT_PLANNED);
  EXPECT_EQ(v.visit.planned_for_ms, parse_time("2026-03-05T02:00:00Z"));
  EXPECT_EQ(str(v.visit.notes), "n");
  AnyEvent v2 = json_event(
      R"({"kind":"visit","event_id":"v-2","occurred_at":"2026-02-21","visit_id":"V-9","account_id":"1","employee_id":"e","status":"completed","planned_for_ms":42})",
      arena);
  EXPECT_EQ(v2.visit.status, KAM_VISIT_COMPLETED);
  EXPECT_EQ(v2.visit.planned_for_ms, 42);

  AnyEvent d = json_event(
      R"({"kind":"distributor_upserted","event_id":"d-1","occurred_at":"2026-01-02","distributor_id":"D88","name":"江南",)"
      R"("tax_id":"t","level":"gold","territories":["Jiangsu","Zhejiang"],"industries":["machinery"]})",
      arena);
  EXPECT_EQ(d.header.kind, KAM_EVENT_DISTRIBUTOR_UPSERTED);
  EXPECT_EQ(d.header.struct_size, sizeof(kam_event_distributor));
  EXPECT_EQ(str(d.distributor.level), "gold");
  ASSERT_EQ(d.distributor.territory_count, 2u);
  EXPECT_EQ(str(d.distributor.territories[1]), "Zhejiang");
  ASSERT_EQ(d.distributor.industry_count, 1u);
  EXPECT_EQ(str(d.distributor.industries[0]), "machinery");

  // Everything parsed above still points into the arena.
  EXPECT_EQ(str(p.complaint.text), "t");
  EXPECT_EQ(str(c.header.event_id), "x1");
}

TEST(ImportJson, ErrorsNameTheField) {
  const std::string ok_order =
      R"("event_id":"e","occurred_at":"2026-01-01","order_id":"o","account_id":"a","amount_minor":1,"currency":"CNY")";
  struct Case {
    std::string line;
    std::string expected;  // a piece of the message
  };
  const Case cases[] = {
      {R"({"kind":"order_posted",)", "not valid JSON"},
      {"not json", "not valid JSON"},
      {"[1,2]", "not a JSON object"},
      {R"({"event_id":"e","occurred_at":"2026-01-01"})", "kind: is required"},
      {R"({"kind":"order_shipped","event_id":"e","occurred_at":"2026-01-01"})", "kind: 'order_shipped' is not an event kind"},
      {R"({"kind":7,"event_id":"e"})", "kind: must be a string"},
      {R"({"kind":"order_cancelled","occurred_at":"2026-01-01","order_id":"o"})", "event_id: is required"},
      {R"({"kind":"order_cancelled","event_id":"e","order_id":"o"})", "occurred_at: is required"},
      {R"({"kind":"order_cancelled","event_id":"e","occurred_at":"2026-02-30","order_id":"o"})",
       "occurred_at: '2026-02-30' is not an RFC 3339 time"},
      {R"({"kind":"order_cancelled","event_id":"e","occurred_at":"2026-02-01T10:00:00","order_id":"o"})",
       "occurred_at: '2026-02-01T10:00:00' is not"},
      {R"({"kind":"order_cancelled","event_id":"e","occurred_at":"2026-02-01","occurred_at_ms":1,"order_id":"o"})",
       "not both"},
      {R"({"kind":"order_cancelled","event_id":"e","occurred_at_ms":"1","order_id":"o"})",
       "occurred_at_ms: must be an integer"},
      {R"({"kind":"order_cancelled","event_id":"e","occurred_at":"2026-02-01","order_id":12})",
       "order_id: must be a string, not a number"},
      {R"({"kind":"order_cancelled","event_id":"e","occurred_at":"2026-02-01","order_id":"o","acount":"x"})",
       "'acount': unknown field for kind order_cancelled"},
      {R"({"kind":"order_posted",)" + ok_order + R"(,"amount_minor":1.5})", "amount_minor: must be a whole number"},
      {R"({"kind":"order_posted","event_id":"e","occurred_at":"2026-01-01","order_id":"o","account_id":"a","currency":"CNY"})",
       "amount_minor: is required"},
      {R"({"kind":"order_posted","event_id":"e","occurred_at":"2026-01-01","order_id":"o","account_id":"a","amount_minor":1})",
       "currency: is required"},
      {R"({"kind":"order_posted","event_id":"e","occurred_at":"2026-01-01","order_id":"o","account_id":"a","amount_minor":1,"currency":"EURO"})",
       "currency: 'EURO' is not a three-letter"},
      {R"({"kind":"order_posted",)" + ok_order + R"(,"document_type":"receipt"})",
       "document_type: 'receipt' is not a document type (order, invoice, credit_note)"},
      {R"({"kind":"complaint","event_id":"e","occurred_at":"2026-01-01","complaint_id":"c","employee_id":"x"})",
       "action: is required"},
      {R"({"kind":"complaint","event_id":"e","occurred_at":"2026-01-01","complaint_id":"c","action":"escalated"})",
       "action: 'escalated' is not a complaint action"},
      {R"({"kind":"complaint","event_id":"e","occurred_at":"2026-01-01","complaint_id":"c","action":"opened","severity":9})",
       "severity: 9 is outside 0..4"},
      {R"({"kind":"visit","event_id":"e","occurred_at":"2026-01-01","visit_id":"v","status":"done"})",
       "status: 'done' is not a visit status"},
      {R"({"kind":"visit","event_id":"e","occurred_at":"2026-01-01","visit_id":"v","status":"planned","planned_for":"soon"})",
       "planned_for: 'soon' is not"},
      {R"({"kind":"account_upserted","event_id":"e","occurred_at":"2026-01-01","account_id":"a","flags":"strategic"})",
       "flags: must be an array of strings"},
      {R"({"kind":"account_upserted","event_id":"e","occurred_at":"2026-01-01","account_id":"a","flags":["x",1]})",
       "flags[1]: must be a string"},
  };
  for (const auto& c : cases) {
    const std::string message = json_error(c.line);
    EXPECT_NE(message.find(c.expected), std::string::npos) << c.line << "\n  got: " << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  }
}

TEST(ImportJson, ArenaMemoryIsReused) {
  Arena arena;
  const std::string line =
      R"({"kind":"account_upserted","event_id":"acc-1","occurred_at":"2026-01-05","account_id":"1001","name":"Some name","flags":["a","b"]})";
  for (int i = 0; i < 20'000; ++i) json_event(line, arena);
  arena.clear();
  const std::size_t after_one_batch = arena.capacity();
  for (int batch = 0; batch < 5; ++batch) {
    for (int i = 0; i < 20'000; ++i) json_event(line, arena);
    arena.clear();
  }
  EXPECT_EQ(arena.capacity(), after_one_batch);
}

}  // namespace
