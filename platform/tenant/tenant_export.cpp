#include "platform/tenant/tenant_export.h"

#include <archive.h>
#include <archive_entry.h>

#include "base/file_io.h"

namespace rbxpipe::platform::tenant {
namespace {

// Writes the archive into memory first: exports are small next to the artifacts they copy, and an atomic rename
// of a complete file means a failed export never leaves a truncated archive behind.
class TarGzWriter {
 public:
  TarGzWriter() : m_archive(archive_write_new()) {
    archive_write_add_filter_gzip(m_archive);
    archive_write_set_format_pax_restricted(m_archive);
    archive_write_open(m_archive, this, nullptr, &TarGzWriter::write_callback, nullptr);
  }
  ~TarGzWriter() { archive_write_free(m_archive); }
  TarGzWriter(const TarGzWriter&) = delete;
  TarGzWriter& operator=(const TarGzWriter&) = delete;

  base::Result<void> add(const std::string& path, const std::string& bytes) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, path.c_str());
    archive_entry_set_size(entry, static_cast<la_int64_t>(bytes.size()));
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0600);
    archive_entry_set_mtime(entry, 0, 0);
    int status = archive_write_header(m_archive, entry);
    archive_entry_free(entry);
    if (status != ARCHIVE_OK) return failure("write " + path);
    if (!bytes.empty() && archive_write_data(m_archive, bytes.data(), bytes.size()) < 0) return failure("write " + path);
    return base::ok();
  }

  base::Result<std::string> finish() {
    if (archive_write_close(m_archive) != ARCHIVE_OK) return failure("finish the archive");
    return std::move(m_bytes);
  }

 private:
  static la_ssize_t write_callback(archive*, void* self, const void* buffer, size_t length) {
    static_cast<TarGzWriter*>(self)->m_bytes.append(static_cast<const char*>(buffer), length);
    return static_cast<la_ssize_t>(length);
  }
  base::Error failure(const std::string& what) {
    const char* message = archive_error_string(m_archive);
    return base::Error{base::ErrorCode::io_error, "cannot " + what + ": " + (message ? message : "unknown error")};
  }

  archive* m_archive;
  std::string m_bytes;
};

std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

base::Result<std::int64_t> export_tenant(const std::string& tenant,
                                         const std::vector<std::unique_ptr<TenantDataProvider>>& providers,
                                         const std::filesystem::path& archive) {
  TarGzWriter writer;
  std::string manifest = "{\"tenant\":" + json_string(tenant) + ",\"sections\":[";
  bool first = true;
  for (const auto& provider : providers) {
    auto section = provider->export_tenant(tenant);
    if (!section) return std::move(section).error().with_context("export " + provider->name());
    RBXPIPE_TRY(writer.add(section->name + "/records.json", section->records_json));
    for (const auto& [path, bytes] : section->files) RBXPIPE_TRY(writer.add(section->name + "/files/" + path, bytes));
    manifest += (first ? "" : ",") + std::string("{\"name\":") + json_string(section->name) +
                ",\"files\":" + std::to_string(section->files.size()) + "}";
    first = false;
  }
  manifest += "]}\n";
  RBXPIPE_TRY(writer.add("manifest.json", manifest));
  auto bytes = writer.finish();
  if (!bytes) return std::move(bytes).error();
  RBXPIPE_TRY(base::write_file_atomic(archive, *bytes));
  return static_cast<std::int64_t>(bytes->size());
}

base::Result<std::vector<RemovalSummary>> remove_tenant(
    const std::string& tenant, const std::vector<std::unique_ptr<TenantDataProvider>>& providers) {
  std::vector<RemovalSummary> summaries;
  for (const auto& provider : providers) {
    auto removed = provider->remove_tenant(tenant);
    if (!removed) {
      std::string done;
      for (const auto& summary : summaries) done += " " + summary.name + ":" + std::to_string(summary.records);
      return std::move(removed).error().with_context("remove " + provider->name() + " of tenant '" + tenant +
                                                     "' (already removed:" + (done.empty() ? " nothing" : done) + ")");
    }
    summaries.push_back(*removed);
  }
  return summaries;
}

}  // namespace rbxpipe::platform::tenant
