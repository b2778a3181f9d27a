#include "data/table_definition.hpp"

#include <initializer_list>
#include <stdexcept>

#include <fmt/format.h>

#include "core/json.hpp"

namespace hub::data {

namespace generated {
extern const char* const kTableJson;  // table_json.cpp, generated from table.json at build time
}  // namespace generated

namespace {

using aws::dynamodb::GlobalSecondaryIndex;
using aws::dynamodb::KeyAttribute;
using aws::dynamodb::KeyType;
using boost::json::object;

class Reader {
 public:
  std::vector<FieldError> errors;

  void only(const object& o, const std::string& at, std::initializer_list<std::string_view> keys) {
    for (const auto& [key, value] : o) {
      bool known = false;
      for (auto k : keys) known = known || key == k;
      if (!known) errors.push_back({at + "/" + std::string{key}, "is not a known key"});
    }
  }

  const boost::json::value* field(const object& o, const std::string& at, std::string_view key,
                                  bool required) {
    const auto* v = o.if_contains(key);
    if (v == nullptr && required) errors.push_back({at + "/" + std::string{key}, "is required"});
    return v;
  }

  std::string string(const object& o, const std::string& at, std::string_view key, bool required = true) {
    const auto* v = field(o, at, key, required);
    if (v == nullptr) return {};
    if (!v->is_string() || v->as_string().empty()) {
      errors.push_back({at + "/" + std::string{key}, "must be a non-empty string"});
      return {};
    }
    return std::string{v->as_string()};
  }

  bool boolean(const object& o, const std::string& at, std::string_view key) {
    const auto* v = field(o, at, key, false);
    if (v == nullptr) return false;
    if (!v->is_bool()) errors.push_back({at + "/" + std::string{key}, "must be true or false"});
    return v->is_bool() && v->as_bool();
  }

  std::optional<KeyAttribute> key(const object& o, const std::string& at, std::string_view name,
                                  bool required) {
    const auto* v = field(o, at, name, required);
    if (v == nullptr) return std::nullopt;
    const std::string here = at + "/" + std::string{name};
    if (!v->is_object()) {
      errors.push_back({here, "must be an object"});
      return std::nullopt;
    }
    only(v->as_object(), here, {"name", "type"});
    KeyAttribute out;
    out.name = string(v->as_object(), here, "name");
    const auto type = string(v->as_object(), here, "type");
    if (type == "S") {
      out.type = KeyType::S;
    } else if (type == "N") {
      out.type = KeyType::N;
    } else if (type == "B") {
      out.type = KeyType::B;
    } else if (!type.empty()) {
      errors.push_back({here + "/type", "must be S, N or B"});
    }
    return out;
  }
};

}  // namespace

std::string_view table_definition_json() noexcept { return generated::kTableJson; }

Result<TableDefinition> parse_table_definition(std::string_view json, std::string table_name) {
  auto parsed = parse_json(json);
  if (!parsed) return std::move(parsed).error();
  if (!parsed->is_object()) return Error::validation({{"", "must be an object"}});
  const auto& root = parsed->as_object();
  Reader r;
  r.only(root, "",
         {"partition_key", "sort_key", "global_secondary_indexes", "ttl_attribute", "billing_mode",
          "point_in_time_recovery", "deletion_protection"});
  TableDefinition def;
  def.spec.name = std::move(table_name);
  if (auto pk = r.key(root, "", "partition_key", true)) def.spec.partition_key = *pk;
  def.spec.sort_key = r.key(root, "", "sort_key", false);
  def.spec.ttl_attribute = r.string(root, "", "ttl_attribute", false);
  def.billing_mode = r.string(root, "", "billing_mode");
  if (!def.billing_mode.empty() && def.billing_mode != "PAY_PER_REQUEST") {
    r.errors.push_back(
        {"/billing_mode", "must be PAY_PER_REQUEST (the only mode the stack and hubctl create)"});
  }
  def.point_in_time_recovery = r.boolean(root, "", "point_in_time_recovery");
  def.deletion_protection = r.boolean(root, "", "deletion_protection");
  if (const auto* gsis = r.field(root, "", "global_secondary_indexes", false)) {
    if (!gsis->is_array()) {
      r.errors.push_back({"/global_secondary_indexes", "must be a list"});
    } else {
      for (std::size_t i = 0; i < gsis->as_array().size(); ++i) {
        const auto& entry = gsis->as_array()[i];
        const std::string at = fmt::format("/global_secondary_indexes/{}", i);
        if (!entry.is_object()) {
          r.errors.push_back({at, "must be an object"});
          continue;
        }
        const auto& o = entry.as_object();
        r.only(o, at, {"name", "partition_key", "sort_key", "projection"});
        GlobalSecondaryIndex gsi;
        gsi.name = r.string(o, at, "name");
        if (auto pk = r.key(o, at, "partition_key", true)) gsi.partition_key = *pk;
        gsi.sort_key = r.key(o, at, "sort_key", false);
        gsi.projection = r.string(o, at, "projection");
        if (!gsi.projection.empty() && gsi.projection != "ALL" && gsi.projection != "KEYS_ONLY") {
          r.errors.push_back({at + "/projection", "must be ALL or KEYS_ONLY"});
        }
        def.spec.global_secondary_indexes.push_back(std::move(gsi));
      }
    }
  }
  if (!r.errors.empty()) return Error::validation(std::move(r.errors), "invalid table definition");
  return def;
}

TableDefinition table_definition(std::string table_name) {
  auto def = parse_table_definition(table_definition_json(), std::move(table_name));
  // A broken table.json is a build defect (its unit test fails first), not a runtime condition.
  if (!def) throw std::logic_error("data/table.json is invalid: " + def.error().detail);
  return std::move(def).value();
}

}  // namespace hub::data
