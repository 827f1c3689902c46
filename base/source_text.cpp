#include "base/source_text.h"

#include <algorithm>

namespace rbxpipe::base {

SourceText::SourceText(std::string path, std::string text) : m_path(std::move(path)), m_text(std::move(text)) {
  m_line_starts.push_back(0);
  for (std::size_t i = 0; i < m_text.size(); ++i) {
    if (m_text[i] == '\n' && i + 1 < m_text.size()) m_line_starts.push_back(i + 1);
  }
}

SourceLocation SourceText::locate(std::size_t offset) const {
  offset = std::min(offset, m_text.size());
  // upper_bound finds the first line starting after the offset; the line before it holds the offset.
  auto next = std::upper_bound(m_line_starts.begin(), m_line_starts.end(), offset);
  auto index = static_cast<std::size_t>(next - m_line_starts.begin()) - 1;
  return {static_cast<int>(index + 1), static_cast<int>(offset - m_line_starts[index] + 1)};
}

std::string_view SourceText::line(int line) const {
  if (line < 1 || line > line_count()) return {};
  auto index = static_cast<std::size_t>(line - 1);
  std::size_t begin = m_line_starts[index];
  std::size_t end = index + 1 < m_line_starts.size() ? m_line_starts[index + 1] : m_text.size();
  std::string_view view(m_text.data() + begin, end - begin);
  if (!view.empty() && view.back() == '\n') view.remove_suffix(1);
  if (!view.empty() && view.back() == '\r') view.remove_suffix(1);
  return view;
}

int SourceText::line_count() const {
  if (m_text.empty()) return 0;
  return static_cast<int>(m_line_starts.size());
}

}  // namespace rbxpipe::base
