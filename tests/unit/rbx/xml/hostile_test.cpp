// Inputs a reader must refuse with a clear, located error (and never crash on): the full messages are asserted.
#include "tests/unit/rbx/xml/xml_test_support.h"

namespace rbxpipe::rbx::xml {
namespace {

using testing::document;
using testing::item_with;
using testing::read_error;

base::ErrorCode read_code(std::string_view text, const ReadOptions& options = {}) {
  auto dom = read(text, options);
  return dom.ok() ? base::ErrorCode::internal : dom.error().code();
}

// `depth` Items nested in one another, each named after its depth.
std::string nested(std::size_t depth) {
  std::string text = "<roblox version=\"4\">\n";
  for (std::size_t i = 1; i <= depth; ++i) {
    text += "<Item class=\"Folder\" referent=\"R" + std::to_string(i) + "\"><Properties><string name=\"Name\">" +
            std::to_string(i) + "</string></Properties>\n";
  }
  for (std::size_t i = 0; i < depth; ++i) text += "</Item>";
  return text + "</roblox>";
}

TEST(XmlHostile, RefusesTextThatIsNotXml) {
  EXPECT_EQ(read_error(""), "1:1: not an XML document (no root element)");
  EXPECT_EQ(read_error("hello"), "1:6: not an XML document (no root element)");
  EXPECT_EQ(read_error("<roblox version=\"4\">\n  <Item class=\"A\"></Itme>\n</roblox>"),
            "2:21: malformed XML: Start-end tags mismatch");
  EXPECT_EQ(read_error("<roblox version=\"4\"><Item"), "1:25: malformed XML: Error parsing start element tag");
  EXPECT_EQ(read_error(document("") + "<roblox version=\"4\"/>"), "1:30: a second root element");
  EXPECT_EQ(read_code("\x00\x01\x02\xFF"), base::ErrorCode::invalid_input);
}

TEST(XmlHostile, RefusesOtherRootsAndVersions) {
  EXPECT_EQ(read_error("<html/>"), "1:1: the root element is <html>, expected <roblox>");
  EXPECT_EQ(read_error("<roblox/>"), "1:1: <roblox> has no version attribute");
  EXPECT_EQ(read_error("<roblox version=\"3\"/>"), "1:1: XML model version '3' is not supported (only 4)");
  EXPECT_EQ(read_code("<roblox version=\"5\"/>"), base::ErrorCode::unsupported);
  EXPECT_TRUE(read("<roblox version=\"4\"/>").ok());
}

TEST(XmlHostile, RefusesBrokenItems) {
  EXPECT_EQ(read_error(document("<Item referent=\"A\"><Properties/></Item>")), "1:21: <Item> has no class attribute");
  EXPECT_EQ(read_error(document("\n<Item class=\"Part\" referent=\"A\"></Item>")),
            "2:1: <Item class=\"Part\"> has no <Properties>");
  EXPECT_EQ(read_error(document("<Item class=\"Part\"><Properties/>\n<Properties/></Item>")),
            "2:1: an <Item> with more than one <Properties>");
  EXPECT_EQ(read_error(document("<Item class=\"Part\"><Properties/><Children/></Item>")),
            "1:53: unexpected element <Children> in an <Item>");
  EXPECT_EQ(read_error(document("<Item class=\"Part\" referent=\"null\"><Properties/></Item>")),
            "1:21: an <Item> referent must not be 'null'");
  EXPECT_EQ(read_error(document("<Item class=\"A\" referent=\"X\"><Properties/></Item>\n"
                                "<Item class=\"B\" referent=\"X\"><Properties/></Item>")),
            "2:1: duplicate referent 'X'");
}

TEST(XmlHostile, NamesUnknownPropertyTypesWithTagPropertyAndPosition) {
  EXPECT_EQ(read_error(item_with("\n<Quaternion name=\"Spin\"><W>1</W></Quaternion>")),
            "2:1: property 'Spin' of XmlTestThing 'T': unknown property type <Quaternion>");
  EXPECT_EQ(read_error(item_with("<bool>true</bool>")),
            "1:106: a <bool> property without a name of XmlTestThing 'T'");
  EXPECT_EQ(read_error(item_with("<int name=\"Name\">1</int>")),
            "1:106: property 'Name' of XmlTestThing: Name must be a string, not <int>");
}

TEST(XmlHostile, RefusesMalformedValuesAtTheOffendingElement) {
  EXPECT_EQ(read_error(item_with("<float name=\"P\">1.5x</float>")),
            "1:106: property 'P' of XmlTestThing 'T': malformed float '1.5x'");
  EXPECT_EQ(read_error(item_with("<int name=\"P\">2147483648</int>")),
            "1:106: property 'P' of XmlTestThing 'T': malformed int '2147483648'");
  EXPECT_EQ(read_error(item_with("<int name=\"P\">+1</int>")),
            "1:106: property 'P' of XmlTestThing 'T': malformed int '+1'");
  EXPECT_EQ(read_error(item_with("<bool name=\"P\">yes</bool>")),
            "1:106: property 'P' of XmlTestThing 'T': malformed bool 'yes'");
  EXPECT_EQ(read_error(item_with("<Vector3 name=\"P\">\n<X>1</X>\n<Y>one</Y>\n<Z>1</Z></Vector3>")),
            "3:1: property 'P' of XmlTestThing 'T': malformed float 'one'");
  EXPECT_EQ(read_error(item_with("<Vector3 name=\"P\"><X>1</X><Y>1</Y></Vector3>")),
            "1:106: property 'P' of XmlTestThing 'T': missing <Z>");
  EXPECT_EQ(read_error(item_with("<Vector2int16 name=\"P\"><X>40000</X><Y>1</Y></Vector2int16>")),
            "1:129: property 'P' of XmlTestThing 'T': malformed int16 '40000'");
  EXPECT_EQ(read_error(item_with("<Faces name=\"P\"><faces>64</faces></Faces>")),
            "1:122: property 'P' of XmlTestThing 'T': faces must be 0..63");
  EXPECT_EQ(read_error(item_with("<NumberSequence name=\"P\">0 1 0 1 1</NumberSequence>")),
            "1:106: property 'P' of XmlTestThing 'T': NumberSequence needs groups of 3 numbers, got 5");
  EXPECT_EQ(read_error(item_with("<NumberRange name=\"P\">1 2 3 4</NumberRange>")),
            "1:106: property 'P' of XmlTestThing 'T': NumberRange needs 2 numbers, got 4");
  EXPECT_EQ(read_error(item_with("<UniqueId name=\"P\">abc</UniqueId>")),
            "1:106: property 'P' of XmlTestThing 'T': malformed UniqueId (32 hex digits) 'abc'");
  EXPECT_EQ(read_error(item_with("<string name=\"P\">a<b/>c</string>")),
            "1:124: property 'P' of XmlTestThing 'T': unexpected element <b>");
  EXPECT_EQ(read_error(item_with("<Font name=\"P\"><Family><url>a</url></Family><Style>Bold</Style></Font>")),
            "1:150: property 'P' of XmlTestThing 'T': malformed font style (Normal or Italic) 'Bold'");
  EXPECT_EQ(read_error(item_with("<SharedString name=\"P\">nokey</SharedString>")),
            "1:106: property 'P' of XmlTestThing 'T': no <SharedString> with key 'nokey'");
  EXPECT_EQ(read_code(item_with("<BinaryString name=\"P\">!!!!</BinaryString>")), base::ErrorCode::invalid_input);
  EXPECT_EQ(read_code(item_with("<float name=\"P\">1e999</float>")), base::ErrorCode::invalid_input);
  EXPECT_EQ(read_code(item_with("<float name=\"P\">nan(1)</float>")), base::ErrorCode::invalid_input);
  EXPECT_EQ(read_code(item_with("<float name=\"P\"></float>")), base::ErrorCode::invalid_input);
  EXPECT_EQ(read_code(item_with("<token name=\"P\">-1</token>")), base::ErrorCode::invalid_input);
}

TEST(XmlHostile, RefusesBrokenSharedStrings) {
  EXPECT_EQ(read_error(document("<SharedStrings><SharedString>AAAA</SharedString></SharedStrings>")),
            "1:36: <SharedString> has no md5 attribute");
  EXPECT_EQ(read_error(document("<SharedStrings><SharedString md5=\"k\">AAAA</SharedString>"
                                "<SharedString md5=\"k\">AAAA</SharedString></SharedStrings>")),
            "1:77: shared string 'k': the key appears twice");
}

TEST(XmlHostile, EnforcesTheInstanceLimit) {
  std::string three = document("<Item class=\"A\"><Properties/></Item><Item class=\"B\"><Properties/>"
                               "<Item class=\"C\"><Properties/></Item></Item>");
  ReadOptions options;
  options.max_instances = 2;
  EXPECT_EQ(read_error(three, options), "1:86: more Items than the limit of 2");
  EXPECT_EQ(read_code(three, options), base::ErrorCode::too_large);
  options.max_instances = 3;
  EXPECT_TRUE(read(three, options).ok());
}

TEST(XmlHostile, ReadsTenThousandNestedItemsWithoutRecursion) {
  auto dom = read(nested(10'000));
  ASSERT_TRUE(dom.ok()) << dom.error().to_string();
  EXPECT_EQ(dom->size(), 10'001U);
  auto order = dom->descendants(dom->root());
  EXPECT_EQ(dom->get(order.back()).name, "10000");
  EXPECT_EQ(dom->get(order.back()).parent, order[order.size() - 2]);
  // The writer walks iteratively too, and stops indenting at a fixed depth.
  auto text = write(*dom, dom->get(dom->root()).children);
  ASSERT_TRUE(text.ok());
  EXPECT_LT(text->size(), 10'000U * 500U);
  auto again = read(*text);
  ASSERT_TRUE(again.ok()) << again.error().to_string();
  // Bytes, not first_difference: that builds a path string per instance, which is slow on a 10,000-deep chain.
  auto rewritten = write(*again, again->get(again->root()).children);
  ASSERT_TRUE(rewritten.ok());
  EXPECT_TRUE(*rewritten == *text);
}

TEST(XmlHostile, RefusesNestingBeyondMaxDepth) {
  EXPECT_EQ(read_error(nested(10'001)), "10002:1: Items nested deeper than the limit of 10000");
  ReadOptions options;
  options.max_depth = 3;
  EXPECT_EQ(read_error(nested(4), options), "5:1: Items nested deeper than the limit of 3");
  EXPECT_EQ(read_code(nested(4), options), base::ErrorCode::too_large);
  EXPECT_TRUE(read(nested(3), options).ok());
}

TEST(XmlHostile, SurvivesAHundredThousandNestedElementsInsideAProperty) {
  std::string deep = std::string(100'000, '<');
  std::string junk;
  for (int i = 0; i < 100'000; ++i) junk += "<a>";
  for (int i = 0; i < 100'000; ++i) junk += "</a>";
  EXPECT_EQ(read_code(item_with("<string name=\"P\">" + junk + "</string>")), base::ErrorCode::invalid_input);
  EXPECT_EQ(read_code(item_with("<Vector3 name=\"P\">" + junk + "</Vector3>")), base::ErrorCode::invalid_input);
  EXPECT_EQ(read_code(deep), base::ErrorCode::invalid_input);
}

}  // namespace
}  // namespace rbxpipe::rbx::xml
