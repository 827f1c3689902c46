#pragma once
// Helpers for the rbx/xml tests: documents around hand-written snippets, and one-call round trips.

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "rbx/dom/dom.h"
#include "rbx/xml/xml.h"

namespace rbxpipe::rbx::xml::testing {

/// A class reflection does not know, so properties pass through canonicalize and serialize unchanged.
inline constexpr std::string_view k_test_class = "XmlTestThing";

/// `body` inside `<roblox version="4">`.
inline std::string document(std::string_view body) {
  return "<roblox version=\"4\">" + std::string(body) + "</roblox>";
}

/// A document with one Item of k_test_class named "T" whose Properties hold `properties`.
inline std::string item_with(std::string_view properties) {
  return document("<Item class=\"" + std::string(k_test_class) + "\" referent=\"RBX1\"><Properties>"
                  "<string name=\"Name\">T</string>" + std::string(properties) + "</Properties></Item>");
}

/// Reads `text`, failing the test with the error when it does not read.
inline dom::Dom read_ok(std::string_view text, const ReadOptions& options = {}) {
  auto dom = read(text, options);
  if (!dom) {
    ADD_FAILURE() << dom.error().to_string();
    return dom::Dom();
  }
  return std::move(*dom);
}

/// The error message of reading `text`, or "" (and a test failure) when it reads.
inline std::string read_error(std::string_view text, const ReadOptions& options = {}) {
  auto dom = read(text, options);
  if (dom) {
    ADD_FAILURE() << "expected an error";
    return {};
  }
  return dom.error().to_string();
}

/// The value of property "P" of the one Item of item_with(`property`).
inline types::Variant read_property(std::string_view property) {
  dom::Dom dom = read_ok(item_with(property));
  const auto& root = dom.get(dom.root());
  if (root.children.size() != 1) {
    ADD_FAILURE() << "no Item read";
    return {};
  }
  const auto& properties = dom.get(root.children.front()).properties;
  auto found = properties.find("P");
  if (found == properties.end()) {
    ADD_FAILURE() << "property P missing";
    return {};
  }
  return found->second;
}

/// The children of the root, which is what a model file holds.
inline std::vector<dom::InstanceId> top_level(const dom::Dom& dom) { return dom.get(dom.root()).children; }

/// Writes the top-level instances of `dom`, failing the test on an error.
inline std::string write_ok(const dom::Dom& dom, const WriteOptions& options = {}) {
  auto text = write(dom, top_level(dom), options);
  if (!text) {
    ADD_FAILURE() << text.error().to_string();
    return {};
  }
  return std::move(*text);
}

}  // namespace rbxpipe::rbx::xml::testing
