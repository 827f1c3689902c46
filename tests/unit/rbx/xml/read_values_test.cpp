// Every property tag of the format, read from hand-written snippets.
#include <cmath>
#include <limits>

#include "tests/unit/rbx/xml/xml_test_support.h"

namespace rbxpipe::rbx::xml {
namespace {

using testing::read_property;
using types::Variant;

TEST(XmlReadValues, ReadsStringsExactly) {
  EXPECT_EQ(read_property(R"(<string name="P">a &amp; b &lt;c&gt;</string>)"), Variant(std::string("a & b <c>")));
  EXPECT_EQ(read_property(R"(<string name="P"></string>)"), Variant(std::string()));
  EXPECT_EQ(read_property(R"(<string name="P"/>)"), Variant(std::string()));
  EXPECT_EQ(read_property("<string name=\"P\">  two\r\n lines\t</string>"), Variant(std::string("  two\r\n lines\t")));
  EXPECT_EQ(read_property(R"(<string name="P">   </string>)"), Variant(std::string("   ")));
  EXPECT_EQ(read_property(R"(<string name="P"><![CDATA[ <raw> ]]></string>)"), Variant(std::string(" <raw> ")));
  EXPECT_EQ(read_property(R"(<string name="P">&#1;&#13;</string>)"), Variant(std::string("\x01\r")));
}

TEST(XmlReadValues, ReadsProtectedStringAsItsOwnType) {
  EXPECT_EQ(read_property("<ProtectedString name=\"P\"><![CDATA[local x = 1\n]]></ProtectedString>"),
            Variant(types::ProtectedString{"local x = 1\n"}));
  EXPECT_EQ(read_property(R"(<ProtectedString name="P"><![CDATA[a]]]]><![CDATA[>b]]></ProtectedString>)"),
            Variant(types::ProtectedString{"a]]>b"}));
  EXPECT_EQ(read_property(R"(<ProtectedString name="P">x &lt; y</ProtectedString>)"),
            Variant(types::ProtectedString{"x < y"}));
}

TEST(XmlReadValues, ReadsBinaryStringAsBase64WithLineBreaks) {
  EXPECT_EQ(read_property("<BinaryString name=\"P\"><![CDATA[aGVsbG8g\nd29ybGQ=]]></BinaryString>"),
            Variant(types::BinaryString{"hello world"}));
  EXPECT_EQ(read_property(R"(<BinaryString name="P"></BinaryString>)"), Variant(types::BinaryString{}));
}

TEST(XmlReadValues, ReadsBoolInAnyCase) {
  EXPECT_EQ(read_property(R"(<bool name="P">true</bool>)"), Variant(true));
  EXPECT_EQ(read_property(R"(<bool name="P">FALSE</bool>)"), Variant(false));
  EXPECT_EQ(read_property(R"(<bool name="P"> True </bool>)"), Variant(true));
}

TEST(XmlReadValues, ReadsIntegers) {
  EXPECT_EQ(read_property(R"(<int name="P">-2147483648</int>)"), Variant(std::int32_t{-2147483647 - 1}));
  EXPECT_EQ(read_property(R"(<int64 name="P">-1</int64>)"), Variant(std::int64_t{-1}));
  EXPECT_EQ(read_property(R"(<int64 name="P">9223372036854775807</int64>)"),
            Variant(std::numeric_limits<std::int64_t>::max()));
  EXPECT_EQ(read_property(R"(<token name="P">256</token>)"), Variant(types::Enum{256}));
  EXPECT_EQ(read_property(R"(<SecurityCapabilities name="P">2882400000</SecurityCapabilities>)"),
            Variant(types::SecurityCapabilities{2882400000}));
  EXPECT_EQ(read_property(R"(<BrickColor name="P">194</BrickColor>)"), Variant(types::BrickColor{194}));
  // An int stays an int; reflection decides whether the property is really a BrickColor.
  EXPECT_EQ(read_property(R"(<int name="P">194</int>)"), Variant(std::int32_t{194}));
}

TEST(XmlReadValues, ReadsFloatsAndDoublesIncludingNonFinite) {
  EXPECT_EQ(read_property(R"(<float name="P">0.100000001</float>)"), Variant(0.1F));
  EXPECT_EQ(read_property(R"(<float name="P">13e37</float>)"), Variant(13e37F));
  EXPECT_EQ(read_property(R"(<float name="P">INF</float>)"), Variant(std::numeric_limits<float>::infinity()));
  EXPECT_EQ(read_property(R"(<float name="P">-INF</float>)"), Variant(-std::numeric_limits<float>::infinity()));
  EXPECT_TRUE(std::isnan(std::get<float>(read_property(R"(<float name="P">NAN</float>)"))));
  EXPECT_EQ(read_property(R"(<double name="P">2.7182818284599998826</double>)"), Variant(2.71828182846));
  EXPECT_EQ(read_property(R"(<double name="P">-inf</double>)"), Variant(-std::numeric_limits<double>::infinity()));
  EXPECT_TRUE(std::isnan(std::get<double>(read_property(R"(<double name="P">nan</double>)"))));
}

TEST(XmlReadValues, ReadsVectors) {
  EXPECT_EQ(read_property(R"(<Vector2 name="P"><X>0.5</X><Y>-1</Y></Vector2>)"), Variant(types::Vector2{0.5F, -1}));
  EXPECT_EQ(read_property("<Vector3 name=\"P\">\n\t<X>1</X>\n\t<Y>2</Y>\n\t<Z>3</Z>\n</Vector3>"),
            Variant(types::Vector3{1, 2, 3}));
  EXPECT_EQ(read_property(R"(<Vector2int16 name="P"><X>-32768</X><Y>32767</Y></Vector2int16>)"),
            Variant(types::Vector2int16{-32768, 32767}));
  EXPECT_EQ(read_property(R"(<Vector3int16 name="P"><X>1</X><Y>-2</Y><Z>3</Z></Vector3int16>)"),
            Variant(types::Vector3int16{1, -2, 3}));
}

TEST(XmlReadValues, ReadsColors) {
  EXPECT_EQ(read_property(R"(<Color3 name="P"><R>1</R><G>0.5</G><B>0</B></Color3>)"),
            Variant(types::Color3{1, 0.5F, 0}));
  EXPECT_EQ(read_property(R"(<Color3uint8 name="P">4288914085</Color3uint8>)"),
            Variant(types::Color3uint8{0xA3, 0xA2, 0xA5}));
  EXPECT_EQ(read_property(R"(<Color3uint8 name="P">8404992</Color3uint8>)"), Variant(types::Color3uint8{0x80, 0x40, 0}));
  // The oldest files pack a Color3 into one number.
  EXPECT_EQ(read_property(R"(<Color3 name="P">4294901760</Color3>)"), Variant(types::Color3{1, 0, 0}));
}

TEST(XmlReadValues, ReadsCFramesUnderBothTagsAndOptionalCFrame) {
  const char* fields = "<X>1</X><Y>2</Y><Z>3</Z><R00>0</R00><R01>0</R01><R02>-1</R02><R10>0</R10><R11>1</R11>"
                       "<R12>0</R12><R20>1</R20><R21>0</R21><R22>0</R22>";
  types::CFrame expected{{1, 2, 3}, {0, 0, -1, 0, 1, 0, 1, 0, 0}};
  EXPECT_EQ(read_property("<CoordinateFrame name=\"P\">" + std::string(fields) + "</CoordinateFrame>"),
            Variant(expected));
  EXPECT_EQ(read_property("<CFrame name=\"P\">" + std::string(fields) + "</CFrame>"), Variant(expected));
  EXPECT_EQ(read_property("<OptionalCoordinateFrame name=\"P\"><CFrame>" + std::string(fields) +
                          "</CFrame></OptionalCoordinateFrame>"),
            Variant(types::OptionalCFrame{expected}));
  EXPECT_EQ(read_property(R"(<OptionalCoordinateFrame name="P"></OptionalCoordinateFrame>)"),
            Variant(types::OptionalCFrame{}));
}

TEST(XmlReadValues, ReadsUDimsRectAndRay) {
  EXPECT_EQ(read_property(R"(<UDim name="P"><S>13.3699999</S><O>-42</O></UDim>)"), Variant(types::UDim{13.37F, -42}));
  EXPECT_EQ(read_property(R"(<UDim2 name="P"><XS>0.1</XS><XO>2</XO><YS>0.2</YS><YO>4</YO></UDim2>)"),
            Variant(types::UDim2{{0.1F, 2}, {0.2F, 4}}));
  EXPECT_EQ(read_property(R"(<Rect2D name="P"><min><X>1</X><Y>2</Y></min><max><X>3</X><Y>4</Y></max></Rect2D>)"),
            Variant(types::Rect{{1, 2}, {3, 4}}));
  EXPECT_EQ(read_property("<Ray name=\"P\"><origin><X>1</X><Y>2</Y><Z>3</Z></origin>"
                          "<direction><X>0</X><Y>-1</Y><Z>0</Z></direction></Ray>"),
            Variant(types::Ray{{1, 2, 3}, {0, -1, 0}}));
}

TEST(XmlReadValues, ReadsRangesAndSequences) {
  EXPECT_EQ(read_property(R"(<NumberRange name="P">-20.2 10.1 </NumberRange>)"),
            Variant(types::NumberRange{-20.2F, 10.1F}));
  EXPECT_EQ(read_property(R"(<NumberSequence name="P">0 0.5 0 1 0.5 0.25 </NumberSequence>)"),
            Variant(types::NumberSequence{{{0, 0.5F, 0}, {1, 0.5F, 0.25F}}}));
  EXPECT_EQ(read_property(R"(<ColorSequence name="P">0 1 0 0 0 1 0 0 1 0 </ColorSequence>)"),
            Variant(types::ColorSequence{{{0, {1, 0, 0}, 0}, {1, {0, 0, 1}, 0}}}));
}

TEST(XmlReadValues, ReadsFacesAxesAndPhysicalProperties) {
  EXPECT_EQ(read_property(R"(<Faces name="P"><faces>42</faces></Faces>)"), Variant(types::Faces{42}));
  EXPECT_EQ(read_property(R"(<Axes name="P"><axes>5</axes></Axes>)"), Variant(types::Axes{5}));
  EXPECT_EQ(read_property(R"(<PhysicalProperties name="P"><CustomPhysics>false</CustomPhysics></PhysicalProperties>)"),
            Variant(types::PhysicalProperties{}));
  types::PhysicalProperties custom{true, 0.7F, 0.3F, 0.5F, 1, 1, std::nullopt};
  EXPECT_EQ(read_property("<PhysicalProperties name=\"P\"><CustomPhysics>true</CustomPhysics><Density>0.7</Density>"
                          "<Friction>0.3</Friction><Elasticity>0.5</Elasticity><FrictionWeight>1</FrictionWeight>"
                          "<ElasticityWeight>1</ElasticityWeight></PhysicalProperties>"),
            Variant(custom));
  custom.acoustic_absorption = 0.25F;
  EXPECT_EQ(read_property("<PhysicalProperties name=\"P\"><CustomPhysics>true</CustomPhysics><Density>0.7</Density>"
                          "<Friction>0.3</Friction><Elasticity>0.5</Elasticity><FrictionWeight>1</FrictionWeight>"
                          "<ElasticityWeight>1</ElasticityWeight><AcousticAbsorption>0.25</AcousticAbsorption>"
                          "</PhysicalProperties>"),
            Variant(custom));
}

TEST(XmlReadValues, TellsLegacyContentIdFromContentByChildElement) {
  EXPECT_EQ(read_property(R"(<Content name="P"><url>rbxassetid://1</url></Content>)"),
            Variant(types::ContentId{"rbxassetid://1"}));
  EXPECT_EQ(read_property(R"(<Content name="P"><binary>AAAA</binary></Content>)"), Variant(types::ContentId{}));
  EXPECT_EQ(read_property(R"(<Content name="P"><null></null></Content>)"), Variant(types::Content{}));
  EXPECT_EQ(read_property(R"(<Content name="P"><uri>rbxassetid://2</uri></Content>)"),
            Variant(types::Content{types::Content::Kind::uri, "rbxassetid://2", types::k_null_instance}));
  EXPECT_EQ(read_property(R"(<ContentId name="P"><url>rbxassetid://3</url></ContentId>)"),
            Variant(types::ContentId{"rbxassetid://3"}));
  EXPECT_EQ(read_property(R"(<ContentId name="P"><null></null></ContentId>)"), Variant(types::ContentId{}));
}

TEST(XmlReadValues, ReadsFonts) {
  EXPECT_EQ(read_property("<Font name=\"P\"><Family><url>rbxasset://fonts/families/RobotoMono.json</url></Family>"
                          "<Weight>700</Weight><Style>Italic</Style></Font>"),
            Variant(types::Font{"rbxasset://fonts/families/RobotoMono.json", 700, 1, ""}));
  EXPECT_EQ(read_property("<Font name=\"P\"><Family><url>a.json</url></Family><Weight>400</Weight>"
                          "<Style>Normal</Style><CachedFaceId><url>rbxasset://fonts/a.ttf</url></CachedFaceId></Font>"),
            Variant(types::Font{"a.json", 400, 0, "rbxasset://fonts/a.ttf"}));
}

TEST(XmlReadValues, ReadsUniqueIdAsRandomTimeIndex) {
  EXPECT_EQ(read_property(R"(<UniqueId name="P">44b188dace632b4702e9c68d004815fc</UniqueId>)"),
            Variant(types::UniqueId{0x004815fc, 0x02e9c68d, 0x44b188dace632b47}));
  EXPECT_EQ(read_property(R"(<UniqueId name="P">FFFFFFFFFFFFFFFF0000000100000002</UniqueId>)"),
            Variant(types::UniqueId{2, 1, -1}));
}

TEST(XmlReadValues, ResolvesRefsAfterAllItemsAreRead) {
  dom::Dom dom = testing::read_ok(testing::document(
      R"(<Item class="ObjectValue" referent="A"><Properties><string name="Name">V</string>)"
      R"(<Ref name="Value">B</Ref><Ref name="Other">null</Ref><Ref name="Lost">RBXNOWHERE</Ref></Properties></Item>)"
      R"(<Item class="Folder" referent="B"><Properties><string name="Name">Target</string></Properties></Item>)"));
  auto top = testing::top_level(dom);
  ASSERT_EQ(top.size(), 2U);
  const auto& properties = dom.get(top[0]).properties;
  EXPECT_EQ(properties.at("Value"), Variant(types::Ref{top[1]}));
  EXPECT_EQ(properties.at("Other"), Variant(types::Ref{}));
  EXPECT_EQ(properties.at("Lost"), Variant(types::Ref{}));
}

TEST(XmlReadValues, ResolvesContentObjectReferents) {
  dom::Dom dom = testing::read_ok(testing::document(
      R"(<Item class="ImageLabel" referent="A"><Properties><string name="Name">I</string>)"
      R"(<Content name="ImageContent"><Ref>B</Ref></Content></Properties></Item>)"
      R"(<Item class="EditableImage" referent="B"><Properties><string name="Name">E</string></Properties></Item>)"));
  auto top = testing::top_level(dom);
  ASSERT_EQ(top.size(), 2U);
  EXPECT_EQ(dom.get(top[0]).properties.at("ImageContent"),
            Variant(types::Content{types::Content::Kind::object, "", top[1]}));
}

TEST(XmlReadValues, ReadsSharedStringsByKeyUnderBothTags) {
  dom::Dom dom = testing::read_ok(testing::document(
      R"(<Item class="XmlTestThing" referent="A"><Properties><string name="Name">S</string>)"
      R"(<SharedString name="P">a2V5</SharedString><NetAssetRef name="Q">a2V5</NetAssetRef></Properties></Item>)"
      R"(<SharedStrings><SharedString md5="a2V5">aGVsbG8=</SharedString></SharedStrings>)"));
  const auto& properties = dom.get(testing::top_level(dom).at(0)).properties;
  EXPECT_EQ(properties.at("P"), Variant(types::SharedString{"hello"}));
  EXPECT_EQ(properties.at("Q"), Variant(types::SharedString{"hello"}));
}

TEST(XmlReadValues, NameBecomesTheInstanceNameAndNotAProperty) {
  dom::Dom dom = testing::read_ok(testing::item_with(R"(<bool name="P">true</bool>)"));
  const auto& instance = dom.get(testing::top_level(dom).at(0));
  EXPECT_EQ(instance.class_name, "XmlTestThing");
  EXPECT_EQ(instance.name, "T");
  EXPECT_FALSE(instance.properties.contains("Name"));
  EXPECT_EQ(instance.properties.size(), 1U);
}

TEST(XmlReadValues, AnItemWithoutANameIsNamedAfterItsClass) {
  dom::Dom dom = testing::read_ok(testing::document(R"(<Item class="Folder"><Properties/></Item>)"));
  EXPECT_EQ(dom.get(testing::top_level(dom).at(0)).name, "Folder");
}

TEST(XmlReadValues, ReadsNestedItemsAsChildrenInOrderAndIgnoresMetaAndExternal) {
  dom::Dom dom = testing::read_ok(
      "\xEF\xBB\xBF<?xml version=\"1.0\"?><!-- comment --><roblox version=\"4\"><Meta name=\"ExplicitAutoJoints\">"
      "true</Meta><External>null</External><External>nil</External>"
      "<Item class=\"Folder\" referent=\"1\"><Properties><string name=\"Name\">Grandparent</string></Properties>"
      "<Item class=\"Folder\" referent=\"2\"><Properties><string name=\"Name\">Parent</string></Properties>"
      "<Item class=\"Folder\" referent=\"3\"><Properties><string name=\"Name\">Child</string></Properties></Item>"
      "</Item><Item class=\"Folder\" referent=\"4\"><Properties><string name=\"Name\">Aunt</string></Properties>"
      "</Item></Item></roblox>");
  std::vector<std::string> names;
  for (dom::InstanceId id : dom.descendants(dom.root())) names.push_back(dom.get(id).name);
  EXPECT_EQ(names, (std::vector<std::string>{"ROOT", "Grandparent", "Parent", "Child", "Aunt"}));
}

}  // namespace
}  // namespace rbxpipe::rbx::xml
