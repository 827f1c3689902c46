#pragma once
// Stable dumps of an instance tree, as text and as JSON, for golden tests and `rbxpipe inspect`.
// References are printed as the target's path from the dumped root, so dumps do not depend on ids.

#include <string>

#include "rbx/dom/dom.h"

namespace rbxpipe::rbx::dom {

/// Indented text: one line per instance (`Class "Name"`), then its properties sorted by name (`Name: Type = value`).
std::string dump_text(const Dom& dom, InstanceId root);

/// JSON: {"class", "name", "properties": {name: {"type", "value"}}, "children": [...]} for `root`, pretty-printed.
std::string dump_json(const Dom& dom, InstanceId root);

/// One value as dump_text prints it (floats exact, NaN as "NaN"); references print as "#<id>".
std::string format_value(const types::Variant& value);

/// The path of `id` below `root`: names joined by '.', with "[k]" after a name shared by earlier siblings.
std::string instance_path(const Dom& dom, InstanceId root, InstanceId id);

}  // namespace rbxpipe::rbx::dom
