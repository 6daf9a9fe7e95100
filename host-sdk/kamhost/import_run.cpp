// import_run.cpp - the rejects file and the importer of `kamhost import` (see import_run.hpp).
#include "import_run.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <thread>

namespace kamhost {
namespace {

namespace fs = std::filesystem;
using namespace kamhost::import;

constexpr int kBusyAttempts = 5;           // KAM_ERR_BUSY: nothing was stored, the call may be retried

}  // namespace

void RejectsFile::add(uint64_t line, const std::string& status, std::string_view message, std::string_view original) {
  if (!out_) {
    out_ = std::make_unique<std::ofstream>();
    out_->rdbuf()->pubsetbuf(buffer_, sizeof buffer_);
    out_->open(path_, std::ios::binary | std::ios::trunc);
    if (!*out_) throw Failure("cannot write the rejects file " + path_ + ": " + std::strerror(errno));
  }
  std::string s = std::to_string(line);
  s += '\t';
  s += status;
  s += '\t';
  for (char c : message) s += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
  s += '\t';
  for (char c : original) s += (c == '\n' || c == '\r') ? ' ' : c;  // one line per reject
  s += '\n';
  out_->write(s.data(), static_cast<std::streamsize>(s.size()));
  ++count_;
}

void RejectsFile::finish() {
  if (out_) {
    out_->close();
    if (!*out_) throw Failure("cannot write the rejects file " + path_);
    out_.reset();
  } else if (count_ == 0) {
    std::error_code ec;
    if (fs::is_regular_file(path_, ec)) {
      fs::remove(path_, ec);
      if (ec) throw Failure("cannot remove the stale rejects file " + path_ + ": " + ec.message());
    }
  }
}

class Importer::Impl {
 public:
  Impl(const ImportOptions& options, Session& session, RejectsFile& rejects, Progress& progress)
      : options_(options),
        plugin_(session.plugin()),
        instance_(session.instance()),
        actor_(session.actor()),
        rejects_(rejects),
        progress_(progress),
        invalid_name_(plugin_.status_name(KAM_ERR_INVALID_ARGUMENT)) {
    events_.reserve(static_cast<std::size_t>(std::min<uint64_t>(options.batch, 65'536)));
    items_.reserve(events_.capacity());
  }

  void run(std::istream& in) {
    if (options_.format == Format::jsonl) {
      run_jsonl(in);
    } else {
      run_csv(in);
    }
    flush();
  }

  const Totals& totals() const { return totals_; }
  uint64_t bytes() const { return bytes_; }

 private:
  struct Item {
    uint64_t line;
    std::string_view text;  // in arena_
  };
  struct Pending {
    uint64_t line;
    std::string status;
    std::string message;
    std::string text;
  };

  void run_jsonl(std::istream& in) {
    std::string line;
    uint64_t number = 0;
    while (std::getline(in, line)) {
      ++number;
      bytes_ += line.size() + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (is_skipped_json_line(line)) continue;
      add(number, line, [&](AnyEvent& e) { parse_json_event(line, arena_, e); });
    }
    if (in.bad()) throw Failure("cannot read " + options_.file + ": " + std::strerror(errno));
  }

  void run_csv(std::istream& in) {
    CsvReader reader(in);
    CsvRecord record;
    if (!reader.next(record)) return;  // an empty file
    std::vector<std::string> header = record.fields;
    CsvMapper mapper(options_.format, header);
    const uint64_t header_line = record.line;
    std::string header_problem = !record.error.empty() ? "malformed CSV header: " + record.error : mapper.header_error();
    if (!header_problem.empty()) {
      header_problem = "header (line " + std::to_string(header_line) + "): " + header_problem;
      std::cerr << "kamhost import: " << options_.file << ": " << header_problem << "; every row is rejected\n";
    }
    while (reader.next(record)) {
      bytes_ = reader.bytes_read();
      add(record.line, record.raw, [&](AnyEvent& e) {
        if (!header_problem.empty()) throw ParseError(header_problem);
        mapper.to_event(record, arena_, e);
      });
    }
    bytes_ = reader.bytes_read();
    if (in.bad()) throw Failure("cannot read " + options_.file + ": " + std::strerror(errno));
  }

  template <class Parse>
  void add(uint64_t line, std::string_view text, Parse&& parse) {
    ++totals_.lines;
    totals_.last_line = line;
    events_.emplace_back();
    try {
      parse(events_.back());
      items_.push_back({line, arena_.text(text)});
    } catch (const ParseError& e) {
      events_.pop_back();
      pending_.push_back({line, invalid_name_, e.what(), std::string(text)});
    }
    // Lines that did not parse count too, so that memory stays bounded when none parses.
    if (events_.size() + pending_.size() >= options_.batch) flush();
    progress_.update(bytes_, totals_.lines);
  }

  void flush() {
    if (!events_.empty()) {
      if (options_.atomic && !pending_.empty()) {
        // A line of this batch did not parse: an atomic batch stores nothing, so it is not sent.
        totals_.not_applied += events_.size();
      } else {
        ingest();
      }
    }
    std::sort(pending_.begin(), pending_.end(), [](const Pending& a, const Pending& b) { return a.line < b.line; });
    for (const auto& p : pending_) rejects_.add(p.line, p.status, p.message, p.text);
    totals_.rejected += pending_.size();
    pending_.clear();
    events_.clear();
    items_.clear();
    arena_.clear();
    progress_.update(bytes_, totals_.lines);
  }

  void ingest() {
    const std::size_t n = events_.size();
    pointers_.resize(n);
    for (std::size_t i = 0; i < n; ++i) pointers_[i] = &events_[i].header;
    kam_event_result blank{};
    blank.struct_size = sizeof(kam_event_result);
    results_.assign(n, blank);

    kam_batch batch{};
    batch.struct_size = sizeof batch;
    batch.flags = options_.atomic ? KAM_BATCH_ATOMIC : KAM_BATCH_SKIP_REJECTED;
    batch.events = pointers_.data();
    batch.event_count = n;
    batch.source = options_.source.c_str();
    batch.results = results_.data();
    batch.results_struct_size = sizeof(kam_event_result);

    kam_batch_summary summary{};
    for (int attempt = 1;; ++attempt) {
      summary = kam_batch_summary{};
      summary.struct_size = sizeof summary;
      try {
        instance_.ingest(actor_, batch, &summary);
        break;
      } catch (const kam::host::Error& e) {
        if (e.status() == KAM_ERR_BATCH_REJECTED && options_.atomic) break;  // results say which
        if (e.status() == KAM_ERR_BUSY && attempt < kBusyAttempts) {
          std::this_thread::sleep_for(std::chrono::milliseconds(200 * attempt));
          continue;
        }
        throw;
      }
    }
    totals_.accepted += summary.accepted;
    totals_.duplicates += summary.duplicates;
    totals_.not_applied += summary.not_applied;
    for (std::size_t i = 0; i < n; ++i) {
      const kam_event_result& r = results_[i];
      if (r.outcome != KAM_ITEM_REJECTED) continue;
      std::string message(r.message, strnlen(r.message, sizeof r.message));
      pending_.push_back({items_[i].line, plugin_.status_name(r.status), std::move(message), std::string(items_[i].text)});
    }
  }

  const ImportOptions& options_;
  const kam::host::Plugin& plugin_;
  const kam::host::Instance& instance_;
  const kam::host::Actor& actor_;
  RejectsFile& rejects_;
  Progress& progress_;
  const std::string invalid_name_;

  Arena arena_;
  std::vector<AnyEvent> events_;
  std::vector<Item> items_;
  std::vector<Pending> pending_;  // this batch's rejected lines, written in line order at flush
  std::vector<const kam_event_header*> pointers_;
  std::vector<kam_event_result> results_;
  Totals totals_;
  uint64_t bytes_ = 0;
};

Importer::Importer(const ImportOptions& options, Session& session, RejectsFile& rejects, Progress& progress)
    : impl_(std::make_unique<Impl>(options, session, rejects, progress)) {}
Importer::~Importer() = default;
void Importer::run(std::istream& in) { impl_->run(in); }
const Totals& Importer::totals() const { return impl_->totals(); }
uint64_t Importer::bytes() const { return impl_->bytes(); }

}  // namespace kamhost
