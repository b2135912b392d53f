// Hash maps keyed by std::string that are looked up with a string_view (no
// string made for a look-up):
//
//   chronicle::util::StringMap<size_t> index;
//   index.emplace("d1", 0);
//   index.find(std::string_view("d1"));
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace chronicle::util {

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>()(s); }
};

template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

}  // namespace chronicle::util
