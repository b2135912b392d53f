#include "time/timex.h"

namespace chronicle::time {
struct TimexTagger::Impl {};
TimexTagger::TimexTagger(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TimexTagger::~TimexTagger() = default;
const TimexTagger& TimexTagger::Default() {
  static const TimexTagger* t = new TimexTagger(std::make_unique<Impl>());
  return *t;
}
TagResult TimexTagger::Tag(std::string_view, std::optional<CalendarDate> dct) const {
  TagResult r;
  if (dct) r.dct.date = *dct;
  return r;
}
std::string CalendarDate::Iso() const { return std::to_string(year); }
std::string CalendarDate::Precision() const { return "year"; }
std::optional<CalendarDate> ParseIsoDate(std::string_view) { return std::nullopt; }
}  // namespace chronicle::time
