// Internal to src/time: the document date when none is given, and the
// document's convention for numeric dates (03/07/2025).
#pragma once

#include <vector>

#include "time/found.h"
#include "time/timex.h"
#include "time/tokenizer.h"

namespace chronicle::time {

// Infers the document date from the expressions found (see the comment in
// document_date.cc). The result is marked inferred; year==0 if nothing fits.
DocumentDate InferDocumentDate(const std::vector<Found>& found, const std::vector<Token>& tokens);

// True when the document writes numeric dates day first.
bool PreferDayFirst(const std::vector<Found>& found, const CalendarDate& dct, int month_class);

}  // namespace chronicle::time
