// The reference docs are kept in step with the code: docs/errors.md lists every error code
// with its HTTP status, docs/configuration.md every variable with its default.
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/config.hpp"
#include "core/error.hpp"

namespace hub {
namespace {

using Row = std::vector<std::string>;

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

using Table = std::vector<Row>;

// The markdown tables of a file ("| a | b |" lines in a block), rows split into trimmed cells.
std::vector<Table> tables_of(const std::filesystem::path& file) {
  std::ifstream in(file);
  EXPECT_TRUE(in.good()) << file << " is missing";
  std::vector<Table> tables;
  bool in_table = false;
  std::string line;
  while (std::getline(in, line)) {
    line = trim(line);
    if (line.size() < 2 || line.front() != '|') {
      in_table = false;
      continue;
    }
    if (!in_table) tables.emplace_back();
    in_table = true;
    Row cells;
    std::string cell;
    bool in_code = false;
    for (std::size_t i = 1; i < line.size(); ++i) {
      const char c = line[i];
      if (c == '`') in_code = !in_code;
      if (c == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
        cell.push_back('|');
        ++i;
      } else if (c == '|' && !in_code) {
        cells.push_back(trim(cell));
        cell.clear();
      } else {
        cell.push_back(c);
      }
    }
    if (!trim(cell).empty()) cells.push_back(trim(cell));
    tables.back().push_back(std::move(cells));
  }
  return tables;
}

// "`NAME`" -> "NAME"; anything else -> "".
std::string code_cell(const std::string& cell) {
  if (cell.size() > 2 && cell.front() == '`' && cell.back() == '`' && cell.find('`', 1) == cell.size() - 1) {
    return cell.substr(1, cell.size() - 2);
  }
  return {};
}

bool upper_snake(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

const std::filesystem::path kDocs = std::filesystem::path(HUB_REPO_DIR) / "docs";

TEST(Docs, ErrorsTableMatchesTheCodes) {
  std::set<std::string> known;
  for (const auto& info : all_error_codes()) known.emplace(info.name);
  // Rows of every table that lists at least one error code.
  std::map<std::string, Row> documented;
  for (const auto& table : tables_of(kDocs / "errors.md")) {
    std::map<std::string, Row> rows;
    bool lists_codes = false;
    for (const auto& row : table) {
      if (row.empty()) continue;
      const auto code = code_cell(row[0]);
      if (!upper_snake(code)) continue;
      lists_codes = lists_codes || known.contains(code);
      rows[code] = row;
    }
    if (lists_codes) documented.merge(rows);
  }
  for (const auto& info : all_error_codes()) {
    const std::string name(info.name);
    SCOPED_TRACE(name);
    const auto it = documented.find(name);
    ASSERT_NE(it, documented.end()) << "docs/errors.md has no row for `" << name << "`";
    bool status_found = false;
    for (std::size_t i = 1; i < it->second.size(); ++i) {
      const auto& cell = it->second[i];
      status_found = status_found || cell == std::to_string(info.http_status) ||
                     cell == "`" + std::to_string(info.http_status) + "`";
    }
    EXPECT_TRUE(status_found) << "the row of `" << name << "` does not give status " << info.http_status;
  }
  for (const auto& [code, row] : documented) {
    EXPECT_TRUE(known.contains(code)) << "docs/errors.md lists `" << code << "`, which the code base lacks";
  }
}

TEST(Docs, ConfigurationTableMatchesTheVariables) {
  std::map<std::string, Row> documented;
  for (const auto& table : tables_of(kDocs / "configuration.md")) {
    for (const auto& row : table) {
      if (row.empty()) continue;
      const auto name = code_cell(row[0]);
      if (!name.empty()) documented.emplace(name, row);
    }
  }
  for (const auto& variable : core::config_variables()) {
    const std::string name(variable.name);
    SCOPED_TRACE(name);
    const auto it = documented.find(name);
    ASSERT_NE(it, documented.end()) << "docs/configuration.md has no row for `" << name << "`";
    const std::string expected = "`" + std::string(variable.default_text) + "`";
    bool default_found = false;
    for (std::size_t i = 1; i < it->second.size(); ++i)
      default_found = default_found || it->second[i] == expected;
    EXPECT_TRUE(default_found) << "the row of `" << name << "` does not give the default " << expected;
  }
}

}  // namespace
}  // namespace hub
