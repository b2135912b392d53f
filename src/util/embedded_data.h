// Access to the data files under data/ that the build compiles into the binary.
//
//   auto rules = chronicle::util::DataFile("time/rules.txt");
//   if (!rules) { /* not embedded */ }
//
// If the environment variable CHRONICLE_DATA_DIR is set, files are read from
// that directory instead, so lexicons can be edited without a rebuild.
#pragma once

#include <optional>
#include <string>

namespace chronicle::util {

// Returns the contents of data/<relative_path>, or nullopt if there is none.
std::optional<std::string> DataFile(const std::string& relative_path);

}  // namespace chronicle::util
