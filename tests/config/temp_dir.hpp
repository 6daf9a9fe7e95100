// temp_dir.hpp - the config suite's name for the shared test directory helper.
#pragma once

#include "../support/temp_dir.hpp"

namespace kam::config::test {
using ::kam::test::TempDir;
}  // namespace kam::config::test
