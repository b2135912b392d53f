#include <gtest/gtest.h>
#include "util/embedded_data.h"
TEST(EmbeddedData, MissingFileIsNullopt) {
  EXPECT_FALSE(chronicle::util::DataFile("no/such/file.txt").has_value());
}
