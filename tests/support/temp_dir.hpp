// temp_dir.hpp - test support shared by every suite: a fresh directory per test under $TMPDIR (or
// /tmp), with its canonical path (so expectations match paths the code derives), removed with all
// it holds when the test ends.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace kam::test {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "kam-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = std::filesystem::canonical(pattern);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

  // Writes text to `name` inside the directory (creating subdirectories) and returns its path.
  std::string write(const std::string& name, const std::string& text) const {
    const std::filesystem::path f = path_ / name;
    std::filesystem::create_directories(f.parent_path());
    std::ofstream(f, std::ios::binary) << text;
    return f.string();
  }

 private:
  std::filesystem::path path_;
};

}  // namespace kam::test
