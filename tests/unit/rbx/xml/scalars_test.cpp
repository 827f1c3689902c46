// Number and text spelling of the XML formats.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "rbx/xml/scalars.h"

namespace rbxpipe::rbx::xml {
namespace {

std::string float_text(float value) {
  std::string out;
  append_float(out, value);
  return out;
}

std::string double_text(double value) {
  std::string out;
  append_double(out, value);
  return out;
}

TEST(XmlScalars, WritesTheShortestTextThatReadsBack) {
  EXPECT_EQ(float_text(0.5F), "0.5");
  EXPECT_EQ(float_text(123.5F), "123.5");
  EXPECT_EQ(float_text(1), "1");
  EXPECT_EQ(float_text(0.1F), "0.1");
  EXPECT_EQ(float_text(-0.0F), "-0");
  EXPECT_EQ(float_text(std::numeric_limits<float>::infinity()), "INF");
  EXPECT_EQ(float_text(-std::numeric_limits<float>::infinity()), "-INF");
  EXPECT_EQ(float_text(std::numeric_limits<float>::quiet_NaN()), "NAN");
  EXPECT_EQ(float_text(-std::numeric_limits<float>::quiet_NaN()), "NAN");
  EXPECT_EQ(double_text(0.1), "0.1");
  EXPECT_EQ(double_text(1.23456), "1.23456");
  for (float value : {0.1F, 1e-45F, 3.4028235e38F, 0.15625F, 13.37F, 1e30F, -2.5e-20F}) {
    EXPECT_EQ(parse_float(float_text(value)), value) << float_text(value);
  }
  for (double value : {0.1, 5e-324, 1.7976931348623157e308, 2.7182818284599998826}) {
    EXPECT_EQ(parse_double(double_text(value)), value) << double_text(value);
  }
}

TEST(XmlScalars, ReadsWhatRobloxAndOtherWritersSpell) {
  EXPECT_EQ(parse_float(" 1.0 "), 1.0F);
  EXPECT_EQ(parse_float("13e37"), 13e37F);
  EXPECT_EQ(parse_float("+2"), 2.0F);
  EXPECT_EQ(parse_float(".5"), 0.5F);
  EXPECT_EQ(parse_float("-Infinity"), -std::numeric_limits<float>::infinity());
  EXPECT_TRUE(std::isnan(*parse_float("NaN")));
  for (const char* bad : {"", " ", "1.5x", "0x10", "nan(1)", "+-1", "++1", "1 2", "1e999", "e5", "-"}) {
    EXPECT_FALSE(parse_float(bad).has_value()) << bad;
  }
  EXPECT_EQ(parse_integer<std::int32_t>(" -42 "), -42);
  EXPECT_FALSE(parse_integer<std::int32_t>("+1").has_value());
  EXPECT_FALSE(parse_integer<std::int32_t>("2147483648").has_value());
  EXPECT_FALSE(parse_integer<std::uint32_t>("-1").has_value());
  EXPECT_FALSE(parse_integer<std::int32_t>("1.0").has_value());
  EXPECT_EQ(parse_bool("tRuE"), true);
  EXPECT_FALSE(parse_bool("1").has_value());
}

TEST(XmlScalars, EscapesContentAndAttributes) {
  std::string text;
  EXPECT_TRUE(append_escaped_text(text, "a<b>&\"c\"\t\n\r\x01"));
  EXPECT_EQ(text, "a&lt;b&gt;&amp;\"c\"\t\n&#13;&#1;");
  std::string attribute;
  EXPECT_TRUE(append_escaped_attribute(attribute, "\"x\"\t\n"));
  EXPECT_EQ(attribute, "&quot;x&quot;&#9;&#10;");
  std::string untouched = "kept";
  EXPECT_FALSE(append_escaped_text(untouched, std::string("a\0b", 3)));
  EXPECT_EQ(untouched, "kept");
}

TEST(XmlScalars, SplitsCdataAroundTheTerminator) {
  std::string out;
  append_cdata(out, "a]]>b]]>");
  EXPECT_EQ(out, "<![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>]]>");
  EXPECT_TRUE(fits_cdata("tabs\tand\nnewlines"));
  EXPECT_FALSE(fits_cdata("cr\r"));
  EXPECT_FALSE(fits_cdata(std::string("\0", 1)));
}

}  // namespace
}  // namespace rbxpipe::rbx::xml
