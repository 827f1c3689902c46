#include "bundle/bundle_reader.h"

#include <algorithm>
#include <system_error>

#include "bundle/archive_walk.h"
#include "bundle/bundle_path.h"

namespace rbxpipe::bundle {
namespace {

// Reserving more than this up front would let a lying header cost memory before any byte arrives.
constexpr std::uint64_t k_max_reserve_bytes = std::uint64_t{16} << 20;

// Collects the files in memory; release.json is decoded by the walker and kept out of `files`.
class MemorySink final : public EntrySink {
 public:
  explicit MemorySink(BundleContents& contents) : m_contents(contents) {}

  base::Result<void> add_folder(const std::string&) override { return base::ok(); }

  base::Result<void> begin_file(const std::string& path, std::uint64_t declared) override {
    m_current = nullptr;
    if (path == k_manifest_path) return base::ok();
    m_current = &m_contents.files[path];
    m_current->reserve(static_cast<std::size_t>(std::min(declared, k_max_reserve_bytes)));
    return base::ok();
  }

  base::Result<void> write(std::string_view chunk) override {
    if (m_current != nullptr) m_current->append(chunk);
    return base::ok();
  }

  base::Result<void> end_file() override {
    m_current = nullptr;
    return base::ok();
  }

 private:
  BundleContents& m_contents;
  std::string* m_current = nullptr;
};

base::Result<BundleContents> read_into_memory(const ArchiveInput& input, const ReadLimits& limits) {
  BundleContents contents;
  MemorySink sink(contents);
  auto manifest = walk_bundle(input, limits, sink);
  if (!manifest) return std::move(manifest).error();
  contents.manifest = std::move(manifest).value();
  return contents;
}

}  // namespace

base::Result<BundleContents> read_bundle(const std::filesystem::path& path, const ReadLimits& limits) {
  const std::string context = "read bundle '" + path.string() + "'";
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) {
    return base::Error(base::ErrorCode::not_found, "no such file").with_context(context);
  }
  if (!std::filesystem::is_regular_file(status)) {
    return base::Error(base::ErrorCode::invalid_input, "not a regular file").with_context(context);
  }
  const ArchiveInput input{&path, {}};
  auto contents = read_into_memory(input, limits);
  if (!contents) return std::move(contents).error().with_context(context);
  return contents;
}

base::Result<BundleContents> read_bundle_bytes(std::string_view bytes, const ReadLimits& limits) {
  const ArchiveInput input{nullptr, bytes};
  auto contents = read_into_memory(input, limits);
  if (!contents) return std::move(contents).error().with_context("read bundle");
  return contents;
}

}  // namespace rbxpipe::bundle
