// cmd_import.cpp - `kamhost import`: feed a file of ERP events (JSON lines; accounts, orders,
// complaints or employees CSV) to the plugin (import_run.hpp does the work): its options, the file
// checks and the summary it prints.
// The spec is docs/import.md.
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "import_run.hpp"

namespace kamhost {
namespace {

namespace fs = std::filesystem;
using namespace kamhost::import;

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
    if (!f) throw UsageError("--format must be jsonl, accounts-csv, orders-csv, complaints-csv or employees-csv, not '" +
                       format + "'");
    o.format = *f;
  } else {
    auto f = format_from_file_name(o.file);
    if (!f)
      throw UsageError("cannot tell the format of '" + o.file +
                       "' from its name (.jsonl, .ndjson, accounts*.csv, orders*.csv, complaints*.csv, employees*.csv): "
                       "give --format");
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
  add_text(app, "--format", o->format_name, "jsonl, accounts-csv, orders-csv, complaints-csv or employees-csv");
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
       "  --format F          jsonl, accounts-csv, orders-csv, complaints-csv or\n"
       "                      employees-csv (default from the name: .jsonl/.ndjson,\n"
       "                      accounts*.csv, orders*.csv, complaints*.csv, employees*.csv)\n"
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
