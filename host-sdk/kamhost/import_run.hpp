// import_run.hpp - the work of `kamhost import` (cmd_import.cpp): the options, the rejects file and
// the importer, which streams a file to the plugin in batches through the ingest ABI call, as an ERP
// does (docs/import.md). One batch of events (their strings in an Arena, the original lines for the
// rejects file) is held at a time, so memory does not grow with the file.
#pragma once

#include <cstdint>
#include <fstream>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli.hpp"
#include "import_format.hpp"
#include "kamhost.hpp"
#include "progress.hpp"

namespace kamhost {

inline constexpr uint64_t kDefaultBatch = 10'000;
inline constexpr uint64_t kMaxBatch = 1'000'000;  // kam_batch.event_count limit

struct ImportOptions {
  std::vector<std::string> files;  // as given: exactly one is the file
  std::string format_name;         // --format as given
  std::string file;
  InstanceOptions instance;
  uint64_t batch = kDefaultBatch;
  std::string rejects;
  std::string source;
  import::Format format = import::Format::jsonl;
  bool atomic = false;
};

// The rejects file: "LINE<TAB>STATUS<TAB>message<TAB>original line", created at the first reject.
class RejectsFile {
 public:
  explicit RejectsFile(std::string path) : path_(std::move(path)) {}

  // One rejected line; creates the file at the first.
  void add(uint64_t line, const std::string& status, std::string_view message, std::string_view original);
  // Closes the file; without rejects, removes a stale one from an earlier run.
  void finish();

  uint64_t count() const { return count_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::unique_ptr<std::ofstream> out_;
  char buffer_[64 * 1024];
  uint64_t count_ = 0;
};

struct Totals {
  uint64_t accepted = 0, duplicates = 0, rejected = 0, not_applied = 0;
  uint64_t lines = 0;  // data lines read (events and lines that did not parse)
  uint64_t last_line = 0;
};

// Collects one batch of events, ingests it, reports each rejected line.
class Importer {
 public:
  Importer(const ImportOptions& options, Session& session, RejectsFile& rejects, Progress& progress);
  ~Importer();
  // The whole stream; throws on a read error or a plugin failure (totals() says how far it got).
  void run(std::istream& in);
  const Totals& totals() const;
  uint64_t bytes() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kamhost
