// kamhost_test_support.hpp - running the built kamhost with the built plugin, in a fresh directory.
#pragma once

#include "../support/temp_dir.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#ifndef KAMHOST_PATH
#error "the build passes KAMHOST_PATH and KAM_PLUGIN_PATH"
#endif

namespace kamhost_test {

inline const std::string kKamhost = KAMHOST_PATH;
inline const std::string kPlugin = KAM_PLUGIN_PATH;
inline const std::string kDemoDir = KAM_DEMO_DIR;  // config/demo in the source tree

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

using ::kam::test::TempDir;

inline bool contains(const std::string& text, const std::string& piece) { return text.find(piece) != std::string::npos; }

// A config with a SQLite database in dir and the demo's roles.
inline std::string config_text(const std::filesystem::path& dir) {
  return "kam: 1\n"
         "instance:\n"
         "  name: kamhost-test\n"
         "database:\n"
         "  url: sqlite:" + (dir / "kam.db").string() + "\n"
         "  synchronous: normal\n"
         // Ingestion refuses an order whose currency has no rate (docs/tiers.md, Exchange rates).
         "exchange_rates: [{currency: CNY, rate: \"0.128\", from: 2000-01-01},"
         " {currency: USD, rate: \"0.92\", from: 2000-01-01}]\n"
         "access:\n"
         "  roles:\n"
         "    kam.admin: [\"*\"]\n"
         "    erp.feed: [ingest]\n"
         "    account_manager: [notifications.read, notifications.ack]\n"
         "    auditor: [audit.read]\n";
}

struct Result {
  int exit = -1;
  std::string out, err;
};

inline std::ostream& operator<<(std::ostream& os, const Result& r) {
  return os << "exit " << r.exit << "\n--- stdout:\n" << r.out << "--- stderr:\n" << r.err;
}

// Runs kamhost with args in dir (stdin /dev/null; stdout and stderr captured, so not a terminal).
// KAM_PLUGIN and KAM_CONFIG are unset; env adds "NAME=VALUE" entries (e.g. "TZ=UTC").
inline Result kamhost(const std::filesystem::path& dir, const std::vector<std::string>& args,
                      const std::vector<std::string>& env = {}) {
  const std::string out_path = (dir / ".kamhost.out").string();
  const std::string err_path = (dir / ".kamhost.err").string();
  std::vector<std::string> argv_s = {kKamhost, "--plugin", kPlugin};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    int in = ::open("/dev/null", O_RDONLY);
    int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || out < 0 || err < 0 || ::chdir(dir.c_str()) != 0) ::_exit(126);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::unsetenv("KAM_PLUGIN");
    ::unsetenv("KAM_CONFIG");
    for (const std::string& e : env) {
      const std::size_t eq = e.find('=');
      ::setenv(e.substr(0, eq).c_str(), e.substr(eq + 1).c_str(), 1);
    }
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  int status = 0;
  if (::waitpid(pid, &status, 0) != pid) throw std::runtime_error("waitpid failed");
  Result r;
  r.exit = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(out_path);
  r.err = read_file(err_path);
  return r;
}

}  // namespace kamhost_test
