// roblox_only: the syntax Roblox has not shipped is refused; everything else is still accepted.
#include <gtest/gtest.h>

#include "tests/unit/luau/parse_fixture.h"

namespace rbxpipe::luau::test {
namespace {

TEST(RobloxOnly, RefusesConst) {
  EXPECT_EQ(roblox_errors("const x = 1"),
            "1:1 LUAU0020 'const' declarations are not available on Roblox yet; use 'local'");
  EXPECT_EQ(roblox_errors("const function f() end"),
            "1:1 LUAU0020 'const' declarations are not available on Roblox yet; use 'local'");
  EXPECT_EQ(roblox_errors("@native const function f() end"),
            "1:9 LUAU0020 'const' declarations are not available on Roblox yet; use 'local'");
}

TEST(RobloxOnly, RefusesExportOfValues) {
  EXPECT_EQ(roblox_errors("export local x = 1"), "1:1 LUAU0020 'export' of values is not available on Roblox yet");
  EXPECT_EQ(roblox_errors("export function f() end"),
            "1:1 LUAU0020 'export' of values is not available on Roblox yet");
}

TEST(RobloxOnly, RefusesIntegerLiterals) {
  EXPECT_EQ(roblox_errors("local x = 0xFFi"),
            "1:11 LUAU0020 Integer literals ('0xFFi') are not available on Roblox yet");
}

TEST(RobloxOnly, RefusesIfBindings) {
  EXPECT_EQ(roblox_errors("if local x = f() then end"),
            "1:4 LUAU0020 'if local' bindings are not available on Roblox yet");
  EXPECT_EQ(roblox_errors("local y = if const x = 1 then x else 0"),
            "1:14 LUAU0020 'if const' bindings are not available on Roblox yet");
}

TEST(RobloxOnly, AcceptsShippedSyntax) {
  const char* shipped[] = {
      "local x: number = 1 x += 1 x //= 2",
      "for i = 1, 2 do continue end",
      "local s = `a {b}`",
      "type T<U = number> = {read x: U} export type V = | 'a' | 'b'",
      "type function F(t) return t end",
      "@native function f() end @[deprecated {use = 'g'}] local function g() end",
      "local x = 0b1010 + 1_000 + 0xFF",
      "local x = if a then b else c",
      "local y = f<<number>>(1)",
      "local const = 1 const = 2 export = 3",
  };
  for (const char* source : shipped) EXPECT_EQ(roblox_errors(source), "") << source;
}

}  // namespace
}  // namespace rbxpipe::luau::test
