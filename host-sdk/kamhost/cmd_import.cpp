// cmd_import.cpp - `kamhost import`: feed a file of ERP events (JSON lines, accounts or orders CSV) to
// the plugin in batches through the ingest ABI call, as an ERP does. The spec is docs/import.md.
//
// The file is streamed: one batch of events (their strings in an Arena, the original lines for the
// rejects file) is held at a time, so memory does not grow with the file.
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <thread>

#include "import_format.hpp"
#include "cli.hpp"
#include "kamhost.hpp"
#include "progress.hpp"

namespace kamhost {
namespace {

namespace fs = std::filesystem;
using namespace kamhost::import;

constexpr uint64_t kDefaultBatch = 10'000;
constexpr uint64_t kMaxBatch = 1'000'000;  // kam_batch.event_count limit
constexpr int kBusyAttempts = 5;           // KAM_ERR_BUSY: nothing was stored, the call may be retried

struct ImportOptions {
  std::vector<std::string> files;  // as given: exactly one is the file
  std::string format_name;         // --format as given
  std::string file;
  InstanceOptions instance;
  uint64_t batch = kDefaultBatch;
  std::string rejects;
  std::string source;
  Format format = Format::jsonl;
  bool atomic = false;
};

// ---------------------------------------------------------------------------------------------------
// The rejects file: "LINE<TAB>STATUS<TAB>message<TAB>original line", created at the first reject.
// ---------------------------------------------------------------------------------------------------
class RejectsFile {
 public:
  explicit RejectsFile(std::string path) : path_(std::move(path)) {}

  void add(uint64_t line, const std::string& status, std::string_view message, std::string_view original) {
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

  // Closes the file; without rejects, removes a stale one from an earlier run.
  void finish() {
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

  uint64_t count() const { return count_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::unique_ptr<std::ofstream> out_;
  char buffer_[64 * 1024];
  uint64_t count_ = 0;
};

// ---------------------------------------------------------------------------------------------------
// The importer: collects one batch of events, ingests it, reports each rejected line.
// ---------------------------------------------------------------------------------------------------
struct Totals {
  uint64_t accepted = 0, duplicates = 0, rejected = 0, not_applied = 0;
  uint64_t lines = 0;  // data lines read (events and lines that did not parse)
  uint64_t last_line = 0;
};

class Importer {
 public:
  Importer(const ImportOptions& options, Session& session, RejectsFile& rejects, Progress& progress)
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

std::string base_name(const std::string& path) {
  std::string name = fs::path(path).filename().string();
  return name.empty() ? path : name;
}

// The checks and defaults that need more than one option.
ImportOptions complete(ImportOptions o) {
  const std::vector<std::string>& files = o.files;
  const std::string& format = o.format_name;
  if (files.size() != 1) throw UsageError("import needs exactly one FILE");
  o.file = files[0];
  if (!format.empty()) {
    auto f = format_from_name(format);
    if (!f) throw UsageError("--format must be jsonl, accounts-csv or orders-csv, not '" + format + "'");
    o.format = *f;
  } else {
    auto f = format_from_file_name(o.file);
    if (!f)
      throw UsageError("cannot tell the format of '" + o.file +
                       "' from its name (.jsonl, .ndjson, accounts*.csv, orders*.csv): give --format");
    o.format = *f;
  }
  if (o.rejects.empty()) o.rejects = o.file + ".rejects";
  if (o.source.empty()) o.source = base_name(o.file);
  return o;
}

int import_file(Context& ctx, const ImportOptions& given) {
  const ImportOptions options = complete(given);

  std::ifstream in;
  static char read_buffer[1 << 20];
  in.rdbuf()->pubsetbuf(read_buffer, sizeof read_buffer);
  in.open(options.file, std::ios::binary);
  if (!in) throw Failure("cannot open " + options.file + ": " + std::strerror(errno));
  std::error_code ec;
  if (fs::is_directory(options.file, ec)) throw Failure("cannot import " + options.file + ": it is a directory");
  if (fs::exists(options.rejects, ec) && fs::equivalent(options.file, options.rejects, ec))
    throw UsageError("the rejects file must not be the imported file");
  const uint64_t size = fs::is_regular_file(options.file, ec) ? fs::file_size(options.file, ec) : 0;

  kam::host::HostCallbacks callbacks = ctx.callbacks();
  if (!ctx.verbose) {
    // The plugin logs each batch with rejected items as a warning; the rejects file says it per line.
    callbacks.log = [log = callbacks.log](kam_log_level level, std::string_view message) {
      if (level < KAM_LOG_ERROR && message.rfind("ingest batch from ", 0) == 0) return;
      log(level, message);
    };
  }
  Session session(ctx, "import", options.instance, std::move(callbacks));

  RejectsFile rejects(options.rejects);
  Progress progress(Progress::stderr_is_terminal(), ec ? 0 : size, "events", "ev/s");
  Importer importer(options, session, rejects, progress);
  try {
    importer.run(in);
  } catch (const std::exception& e) {
    progress.finish();
    const Totals& t = importer.totals();
    try {
      rejects.finish();
    } catch (const std::exception&) {
    }
    std::cerr << "kamhost import: " << options.file << ": stopped at line " << t.last_line << ": " << e.what()
              << "\n"
              << "kamhost import: before that: " << t.accepted << " accepted, " << t.duplicates << " duplicates, "
              << t.rejected << " rejected" << (rejects.count() > 0 ? " (in " + rejects.path() + ")" : std::string())
              << "\n";
    throw Failure("");
  }
  progress.update(importer.bytes(), importer.totals().lines, true);
  progress.finish();
  rejects.finish();

  const Totals& t = importer.totals();
  std::cout << "imported " << options.file << ": " << t.accepted << " accepted, " << t.duplicates << " duplicates, "
            << t.rejected << " rejected";
  if (t.not_applied > 0) std::cout << ", " << t.not_applied << " not applied";
  std::cout << " (batches of " << options.batch << ")\n";
  if (t.rejected > 0)
    std::cout << "rejects: " << rejects.path() << " (" << rejects.count() << (rejects.count() == 1 ? " line)\n" : " lines)\n");
  return t.rejected > 0 ? kExitRejected : kExitOk;
}

void define_import(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<ImportOptions>();
  add_instance_options(app, o->instance);
  add_number(app, "--batch", o->batch, 1, kMaxBatch, "lines per batch");
  add_text(app, "--rejects", o->rejects, "where rejected lines go");
  add_text(app, "--source", o->source, "feed name in the audit trail");
  add_text(app, "--format", o->format_name, "jsonl, accounts-csv or orders-csv");
  app.add_flag("--atomic", o->atomic, "a batch with a rejected line stores nothing");
  app.add_option("FILE", o->files, "the file to import");
  on_run(app, ctx, [&ctx, o] { return import_file(ctx, *o); });
}

}  // namespace

void add_import_commands(std::vector<Command>& commands) {
  commands.push_back(
      {"import", "FILE --config CFG [options]", "import ERP events from a JSON-lines or CSV file",
       "Feeds FILE to the plugin in batches through the ingest ABI call, as an ERP does\n"
       "(docs/import.md). Importing the same file again stores nothing new: every event\n"
       "is a duplicate.\n"
       "\n"
       "Options:\n"
       "  --config CFG        the YAML config (else $KAM_CONFIG, else /etc/kam/kam.yaml)\n"
       "  --batch N           lines per batch (default 10000, at most 1000000)\n"
       "  --rejects PATH      where rejected lines go (default FILE.rejects)\n"
       "  --source NAME       feed name in the audit trail (default FILE's name)\n"
       "  --format F          jsonl, accounts-csv or orders-csv (default from the name:\n"
       "                      .jsonl/.ndjson, accounts*.csv, orders*.csv)\n"
       "  --atomic            a batch with a rejected line stores nothing (default: the\n"
       "                      good lines are stored, the bad ones go to the rejects file)\n"
       "  --user ID           the actor (default kamhost)\n"
       "  --role ROLE         the actor's role, repeatable (default kam.admin)\n"
       "\n"
       "On a terminal a progress bar runs on standard error. Then standard output says\n"
       "  imported FILE: A accepted, D duplicates, R rejected (batches of N)\n"
       "  rejects: PATH (R lines)                          (only when R > 0)\n"
       "(with --atomic, \", X not applied\" follows R for the other lines of refused batches).\n"
       "Each rejects line is LINE<TAB>STATUS<TAB>message<TAB>the original line.\n"
       "Exit status: 0 nothing rejected, 3 some lines rejected, 1 other failure.\n",
       &define_import});
}

}  // namespace kamhost
