#include "luau/error_list.h"

#include <algorithm>

#include "luau/error_codes.h"

namespace rbxpipe::luau {

void ErrorList::add(std::string_view code, std::uint32_t offset, std::string message, int length) {
  auto location = m_source.locate(offset);
  m_entries.push_back(
      {offset, base::make_diagnostic(base::Severity::error, std::string(code), std::move(message), m_source, location,
                                     length)});
  m_last_offset = offset;
}

void ErrorList::report(std::string_view code, std::uint32_t offset, std::string message, int length) {
  if (m_stopped) return;
  // A second error at the same byte is nearly always a consequence of the first.
  if (offset == m_last_offset) return;
  add(code, offset, std::move(message), length);
  if (static_cast<int>(m_entries.size()) >= k_limit) {
    add(k_code_too_many_errors, offset, "Too many syntax errors; stopped after " + std::to_string(k_limit), 0);
    m_stopped = true;
  }
}

void ErrorList::fatal(std::string_view code, std::uint32_t offset, std::string message) {
  if (m_stopped) return;
  add(code, offset, std::move(message), 0);
  m_stopped = true;
}

std::vector<base::Diagnostic> ErrorList::take() {
  std::stable_sort(m_entries.begin(), m_entries.end(),
                   [](const Entry& left, const Entry& right) { return left.offset < right.offset; });
  std::vector<base::Diagnostic> result;
  result.reserve(m_entries.size());
  for (auto& entry : m_entries) result.push_back(std::move(entry.diagnostic));
  m_entries.clear();
  return result;
}

}  // namespace rbxpipe::luau
