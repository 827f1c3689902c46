// Writing: every value type survives write then read, output is deterministic and laid out as documented, and
// strings keep their exact bytes.
#include <cmath>
#include <limits>

#include "tests/unit/rbx/xml/xml_test_support.h"

namespace rbxpipe::rbx::xml {
namespace {

using testing::k_test_class;
using testing::read_ok;
using testing::write_ok;
using types::Variant;

// Writes `dom`, reads it back, and checks the tree is equal and that writing again gives the same bytes.
void expect_round_trip(const dom::Dom& dom) {
  std::string first = write_ok(dom);
  dom::Dom again = read_ok(first);
  EXPECT_EQ(dom::first_difference(dom, dom.root(), again, again.root()), "") << first;
  EXPECT_EQ(write_ok(again), first);
}

// A one-instance tree whose property "P" holds `value`.
dom::Dom with_property(Variant value) {
  dom::Dom dom;
  dom.set_property(dom.insert(dom.root(), std::string(k_test_class), "T"), "P", std::move(value));
  return dom;
}

TEST(XmlRoundTrip, EveryValueTypeFilesCanHoldSurvives) {
  types::CFrame rotated{{1.5F, -2, 1e30F}, {0, 0, -1, 0, 1, 0, 1, 0, 0}};
  std::vector<Variant> values = {
      std::string("hello <world> & \"friends\""),
      types::BinaryString{std::string("\x00\x01\xFF bytes", 9)},
      types::ProtectedString{"print('hi')\n"},
      types::ContentId{"rbxassetid://123"},
      types::ContentId{},
      true,
      false,
      std::int32_t{-2147483647 - 1},
      std::int64_t{std::numeric_limits<std::int64_t>::max()},
      0.1F,
      -0.0F,
      std::numeric_limits<float>::denorm_min(),
      std::numeric_limits<float>::max(),
      std::numeric_limits<float>::infinity(),
      0.1,
      -std::numeric_limits<double>::infinity(),
      std::numeric_limits<double>::lowest(),
      types::UDim{-13.37F, 42},
      types::UDim2{{0.1F, 2}, {0.2F, -4}},
      types::Ray{{1, 2, 3}, {0, -1, 0}},
      types::Faces{63},
      types::Axes{5},
      types::BrickColor{1032},
      types::Color3{0.105882362F, 0.164705887F, 0.207843155F},
      types::Color3uint8{0x80, 0x40, 0x00},
      types::Vector2{0.3F, 0.4F},
      types::Vector2int16{-32768, 32767},
      types::Vector3{1337, -1337, 0.1F},
      types::Vector3int16{1, -2, 3},
      rotated,
      types::OptionalCFrame{rotated},
      types::OptionalCFrame{},
      types::Enum{288},
      types::NumberSequence{{{0, 1, 0}, {0.0803674F, 0.5625F, 0.1F}, {1, 1, 0}}},
      types::NumberSequence{},
      types::ColorSequence{{{0, {1, 0, 0}, 0}, {0.5F, {0, 1, 0}, 0}, {1, {0, 0, 1}, 0}}},
      types::NumberRange{-6.66F, 6.66F},
      types::Rect{{0, 1}, {2, 3}},
      types::PhysicalProperties{},
      types::PhysicalProperties{true, 0.7F, 0.3F, 0.5F, 1, 1, std::nullopt},
      types::PhysicalProperties{true, 0.7F, 0.3F, 0.5F, 1, 1, 0.25F},
      types::SharedString{"shared bytes"},
      types::UniqueId{0x004815fc, 0x02e9c68d, 0x44b188dace632b47},
      types::UniqueId{0, 0, -1},
      types::Font{"rbxasset://fonts/families/RobotoMono.json", 700, 1, ""},
      types::Font{"rbxasset://fonts/families/SourceSansPro.json", 400, 0, "rbxasset://fonts/SourceSansPro.ttf"},
      types::SecurityCapabilities{std::numeric_limits<std::uint64_t>::max()},
      types::Content{},
      types::Content{types::Content::Kind::uri, "rbxassetid://9", types::k_null_instance},
  };
  for (const Variant& value : values) {
    SCOPED_TRACE(std::string(types::variant_type_name(types::type_of(value))));
    expect_round_trip(with_property(value));
  }
}

TEST(XmlRoundTrip, NonFiniteNumbersAreSpelledAsRobloxDoes) {
  dom::Dom dom = with_property(types::Vector3{std::numeric_limits<float>::infinity(),
                                              -std::numeric_limits<float>::infinity(),
                                              std::numeric_limits<float>::quiet_NaN()});
  std::string text = write_ok(dom);
  EXPECT_NE(text.find("<X>INF</X>"), std::string::npos) << text;
  EXPECT_NE(text.find("<Y>-INF</Y>"), std::string::npos) << text;
  EXPECT_NE(text.find("<Z>NAN</Z>"), std::string::npos) << text;
  dom::Dom again = read_ok(text);
  EXPECT_TRUE(std::isnan(std::get<types::Vector3>(again.get(testing::top_level(again).at(0)).properties.at("P")).z));
  expect_round_trip(dom);
}

TEST(XmlRoundTrip, BlobTypesAreWrittenAsBinaryString) {
  types::Tags tags{{"Lava", "Hot"}};
  std::string text = write_ok(with_property(tags));
  EXPECT_NE(text.find("<BinaryString name=\"P\">TGF2YQBIb3Q=</BinaryString>"), std::string::npos) << text;
  EXPECT_NE(write_ok(with_property(types::Bytecode{"\x1b" "Lua"})).find("<BinaryString name=\"P\">G0x1YQ==</BinaryString>"),
            std::string::npos);
  types::MaterialColors colors;
  colors.colors[0] = {1, 2, 3};
  dom::Dom again = read_ok(write_ok(with_property(colors)));
  EXPECT_EQ(std::get<types::BinaryString>(again.get(testing::top_level(again).at(0)).properties.at("P")).bytes.size(),
            69U);
}

TEST(XmlRoundTrip, RefsPointAtWrittenInstancesOrNull) {
  dom::Dom dom;
  auto folder = dom.insert(dom.root(), "Folder", "Target");
  auto value = dom.insert(dom.root(), "ObjectValue", "Value");
  auto outside = dom.insert(folder, "Folder", "Outside");
  dom.set_property(value, "Value", types::Ref{folder});
  dom.set_property(value, "Before", types::Ref{outside});
  dom.set_property(folder, "Forward", types::Ref{value});
  dom.set_property(value, "None", types::Ref{});
  dom.set_property(value, "Image", types::Content{types::Content::Kind::object, "", folder});
  expect_round_trip(dom);

  // Writing only `value`: its Refs to instances outside the written tree become null.
  auto text = write(dom, {value});
  ASSERT_TRUE(text.ok());
  EXPECT_NE(text->find("<Ref name=\"Value\">null</Ref>"), std::string::npos) << *text;
  EXPECT_NE(text->find("<Content name=\"Image\"><Ref>null</Ref></Content>"), std::string::npos) << *text;
}

TEST(XmlRoundTrip, WritesStudioLayoutWithSortedPropertiesAndCountedReferents) {
  dom::Dom dom;
  auto part = dom.insert(dom.root(), "XmlTestPart", "Block");
  dom.set_property(part, "size", types::Vector3{4, 1, 2});
  dom.set_property(part, "Anchored", true);
  dom.set_property(part, "Mesh", types::SharedString{"abc"});
  dom.set_property(dom.insert(part, "XmlTestScript", "Script"), "Source", types::ProtectedString{"a]]>b"});
  EXPECT_EQ(write_ok(dom),
            "<roblox xmlns:xmime=\"http://www.w3.org/2005/05/xmlmime\" "
            "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
            "xsi:noNamespaceSchemaLocation=\"http://www.roblox.com/roblox.xsd\" version=\"4\">\n"
            "\t<Meta name=\"ExplicitAutoJoints\">true</Meta>\n"
            "\t<External>null</External>\n"
            "\t<External>nil</External>\n"
            "\t<Item class=\"XmlTestPart\" referent=\"RBX00000000000000000000000000000000\">\n"
            "\t\t<Properties>\n"
            "\t\t\t<bool name=\"Anchored\">true</bool>\n"
            "\t\t\t<SharedString name=\"Mesh\">ungWv48Bz+pBQUDeXa4iIw==</SharedString>\n"
            "\t\t\t<string name=\"Name\">Block</string>\n"
            "\t\t\t<Vector3 name=\"size\">\n"
            "\t\t\t\t<X>4</X>\n"
            "\t\t\t\t<Y>1</Y>\n"
            "\t\t\t\t<Z>2</Z>\n"
            "\t\t\t</Vector3>\n"
            "\t\t</Properties>\n"
            "\t\t<Item class=\"XmlTestScript\" referent=\"RBX00000000000000000000000000000001\">\n"
            "\t\t\t<Properties>\n"
            "\t\t\t\t<string name=\"Name\">Script</string>\n"
            "\t\t\t\t<ProtectedString name=\"Source\"><![CDATA[a]]]]><![CDATA[>b]]></ProtectedString>\n"
            "\t\t\t</Properties>\n"
            "\t\t</Item>\n"
            "\t</Item>\n"
            "\t<SharedStrings>\n"
            "\t\t<SharedString md5=\"ungWv48Bz+pBQUDeXa4iIw==\">YWJj</SharedString>\n"
            "\t</SharedStrings>\n"
            "</roblox>\n");
}

TEST(XmlRoundTrip, OutputDependsOnlyOnTheTreeNotOnIdsOrInsertionOrder) {
  dom::Dom a;
  auto a_folder = a.insert(a.root(), "Folder", "F");
  a.set_property(a_folder, "Z", 1.5F);
  a.set_property(a_folder, "A", std::string("x"));
  a.set_property(a.insert(a_folder, "Part", "P"), "Link", types::Ref{a_folder});

  dom::Dom b;
  b.destroy(b.insert(b.root(), "Scratch", "gone"));  // shifts every later id
  auto b_folder = b.insert(b.root(), "Folder", "F");
  auto b_part = b.insert(b_folder, "Part", "P");
  b.set_property(b_part, "Link", types::Ref{b_folder});
  b.set_property(b_folder, "A", std::string("x"));
  b.set_property(b_folder, "Z", 1.5F);

  EXPECT_EQ(write_ok(a), write_ok(b));
  EXPECT_EQ(write_ok(a), write_ok(a));
}

TEST(XmlRoundTrip, SharedStringsAreDeduplicatedAndSortedByKey) {
  dom::Dom dom;
  for (const char* bytes : {"one", "two", "one", "three", "two"}) {
    dom.set_property(dom.insert(dom.root(), "Thing", bytes), "Data", types::SharedString{bytes});
  }
  std::string text = write_ok(dom);
  std::vector<std::string> keys;
  for (std::size_t at = text.find("md5=\""); at != std::string::npos; at = text.find("md5=\"", at + 1)) {
    keys.push_back(text.substr(at + 5, 24));
  }
  ASSERT_EQ(keys.size(), 3U) << text;
  EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
  expect_round_trip(dom);
}

TEST(XmlRoundTrip, CdataSplitsEveryTerminatorAndKeepsTheText) {
  for (std::string source : {"]]>", "a]]>b]]>c", "]]]]>>", "x]]", "]]>\n", "", "\n  indented\n"}) {
    SCOPED_TRACE(source);
    dom::Dom dom = with_property(types::ProtectedString{source});
    std::string text = write_ok(dom);
    EXPECT_NE(text.find("<ProtectedString name=\"P\"><![CDATA["), std::string::npos) << text;
    expect_round_trip(dom);
  }
  std::string padded = write_ok(with_property(std::string(" a]]>b ")));
  EXPECT_NE(padded.find("<string name=\"P\"><![CDATA[ a]]]]><![CDATA[>b ]]></string>"), std::string::npos) << padded;
}

TEST(XmlRoundTrip, StringsKeepEveryByteXmlCanCarry) {
  for (std::string text : {" leading", "trailing\n", "   ", "\t", "\r\n", "a\rb", "crlf\r\nend\r", "\x01\x1F ctl",
                           "<&>\"'", "caf\xC3\xA9 \xF0\x9F\x8C\x8B", "\xFF not utf-8"}) {
    SCOPED_TRACE(text);
    expect_round_trip(with_property(text));
    expect_round_trip(with_property(types::ProtectedString{text}));
  }
  dom::Dom odd_names;
  odd_names.set_property(odd_names.insert(odd_names.root(), "A\"<&>\tB", " name\n\r "), "p \"<&>\t\n\r", 1);
  expect_round_trip(odd_names);
}

TEST(XmlRoundTrip, RefusesWhatXmlCannotHold) {
  auto nul = write(with_property(std::string("a\0b", 3)), {2});
  ASSERT_FALSE(nul.ok());
  EXPECT_EQ(nul.error().to_string(), "XmlTestThing 'T': property 'P' holds a NUL character, which XML cannot carry");

  auto enum_item = write(with_property(types::EnumItem{"Material", 256}), {2});
  ASSERT_FALSE(enum_item.ok());
  EXPECT_EQ(enum_item.error().code(), base::ErrorCode::invalid_input);

  dom::Dom dom;
  auto parent = dom.insert(dom.root(), "Folder", "P");
  auto child = dom.insert(parent, "Folder", "C");
  auto overlap = write(dom, {parent, child});
  ASSERT_FALSE(overlap.ok());
  EXPECT_EQ(overlap.error().to_string(), "instance 3 would be written twice (the roots overlap)");
  EXPECT_FALSE(write(dom, {99}).ok());
}

TEST(XmlRoundTrip, WritingNoRootsGivesAnEmptyModel) {
  dom::Dom dom;
  dom::Dom again = read_ok(write_ok(dom));
  EXPECT_EQ(again.size(), 1U);
}

}  // namespace
}  // namespace rbxpipe::rbx::xml
