// Turning asset groups' globs into Assets module entries.
#include <algorithm>
#include <set>

#include "assets/asset_codegen.h"
#include "base/glob.h"

namespace rbxpipe::assets {

std::optional<CodegenStyle> codegen_style_from_name(std::string_view name) {
  if (name == "nested") return CodegenStyle::nested;
  if (name == "flat") return CodegenStyle::flat;
  return std::nullopt;
}

std::string asset_key(std::string_view input, std::string_view fixed_prefix) {
  std::string_view rest = input.starts_with(fixed_prefix) ? input.substr(fixed_prefix.size()) : input;
  const std::size_t name_start = rest.rfind('/') == std::string_view::npos ? 0 : rest.rfind('/') + 1;
  const std::size_t dot = rest.rfind('.');
  if (dot != std::string_view::npos && dot > name_start) rest = rest.substr(0, dot);
  return std::string(rest);
}

base::Result<std::vector<AssetEntry>> collect_asset_entries(const std::filesystem::path& root,
                                                            const std::vector<std::string>& globs) {
  std::vector<AssetEntry> entries;
  std::set<std::string> taken;
  for (const auto& pattern : globs) {
    auto glob = base::Glob::compile(pattern);
    if (!glob) return std::move(glob).error().with_context("asset glob '" + pattern + "'");
    auto files = glob->expand(root);
    if (!files) return std::move(files).error().with_context("asset glob '" + pattern + "'");
    for (auto& input : *files) {
      if (!taken.insert(input).second) continue;  // an earlier glob already keyed it
      AssetEntry entry;
      entry.key = asset_key(input, glob->fixed_prefix());
      entry.input = std::move(input);
      entries.push_back(std::move(entry));
    }
  }
  std::sort(entries.begin(), entries.end(),
            [](const AssetEntry& a, const AssetEntry& b) { return a.input < b.input; });
  return entries;
}

void assign_asset_ids(std::vector<AssetEntry>& entries, const std::map<std::string, std::int64_t>& ids) {
  for (auto& entry : entries) {
    if (auto it = ids.find(entry.input); it != ids.end()) entry.id = it->second;
  }
}

}  // namespace rbxpipe::assets
