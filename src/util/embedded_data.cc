#include "util/embedded_data.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string_view>
#include <utility>

namespace chronicle::data {
extern const std::pair<std::string_view, std::string_view> kEmbeddedFiles[];
}

namespace chronicle::util {

std::optional<std::string> DataFile(const std::string& relative_path) {
  if (const char* dir = std::getenv("CHRONICLE_DATA_DIR"); dir != nullptr && *dir != '\0') {
    std::ifstream in(std::string(dir) + "/" + relative_path, std::ios::binary);
    if (in) {
      std::ostringstream ss;
      ss << in.rdbuf();
      return ss.str();
    }
  }
  for (const auto* e = data::kEmbeddedFiles; !e->first.empty(); ++e) {
    if (e->first == relative_path) return std::string(e->second);
  }
  return std::nullopt;
}

}  // namespace chronicle::util
