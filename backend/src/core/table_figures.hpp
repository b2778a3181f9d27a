#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hub::core {

// One global secondary index of the table, as its description gives it.
struct IndexFigures {
  std::string name{};
  std::string status{};  // CREATING, ACTIVE, ...
  std::int64_t item_count = 0;
  std::int64_t size_bytes = 0;
};

// The table's own figures, as the storage service describes them. In AWS the counts and sizes
// are refreshed about every six hours, so they are approximate. Either the figures are present
// or `error` says why the table could not be described.
struct TableFigures {
  std::string name{};
  std::string as_of{};                  // RFC 3339: when the table was described (or the attempt failed)
  std::optional<std::string> status{};  // CREATING, ACTIVE, UPDATING, ...
  std::optional<std::string> billing_mode{};  // PAY_PER_REQUEST or PROVISIONED
  std::optional<std::int64_t> item_count{};
  std::optional<std::int64_t> size_bytes{};
  std::optional<std::vector<IndexFigures>> indexes{};
  std::optional<std::string> error{};  // a stable name of what failed: "throttled", "timeout", ...
};

// Where /metrics gets the table's figures from. Implementations cache: the figures change
// slowly and describing a table is a control-plane call.
class TableFiguresSource {
 public:
  virtual ~TableFiguresSource() = default;
  [[nodiscard]] virtual TableFigures figures() const = 0;
};

}  // namespace hub::core
