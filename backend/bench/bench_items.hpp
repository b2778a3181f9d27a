#pragma once

// The item the AWS-layer benchmarks write and read: a user profile as the single-table design
// stores it (keys, both GSI key pairs, a dozen attributes), about 1 KB as PutItem JSON.

#include <cstddef>
#include <cstdint>
#include <string>

#include "aws/attribute_value.hpp"

namespace hub::bench {

inline std::string user_pk(std::size_t n) { return "USER#01JBENCHUSER" + std::to_string(100000 + n); }

inline aws::Item user_key(std::size_t n) {
  return {{"PK", aws::AttributeValue::S(user_pk(n))}, {"SK", aws::AttributeValue::S("PROFILE")}};
}

inline aws::Item user_item(std::size_t n) {
  using aws::AttributeValue;
  const std::string id = "01JBENCHUSER" + std::to_string(100000 + n);
  const std::string email = "user" + std::to_string(n) + "@example.org";
  aws::Item item = user_key(n);
  item.emplace("GSI1PK", AttributeValue::S("EMAIL#" + email));
  item.emplace("GSI1SK", AttributeValue::S("USER#" + id));
  item.emplace("GSI2PK", AttributeValue::S("COUNTRY#KE"));
  item.emplace("GSI2SK", AttributeValue::S("2026-11-24T06:13:00Z#" + id));
  item.emplace("entity", AttributeValue::S("user"));
  item.emplace("id", AttributeValue::S(id));
  item.emplace("email", AttributeValue::S(email));
  item.emplace("display_name", AttributeValue::S("Amina Wanjiru Otieno"));
  item.emplace("country", AttributeValue::S("KE"));
  item.emplace("organisation", AttributeValue::S("IGAD Climate Prediction and Applications Centre"));
  item.emplace("roles", AttributeValue::SS({"member", "reviewer"}));
  item.emplace("interests", AttributeValue::L({AttributeValue::S("drought early warning"),
                                               AttributeValue::S("pastoral livelihoods"),
                                               AttributeValue::S("cross-border trade")}));
  item.emplace("bio",
               AttributeValue::S("Works on seasonal forecasts for the Greater Horn of Africa and on turning "
                                 "them into advisories that extension officers, county governments and "
                                 "pastoralist associations can act on. Interested in open data and in tools "
                                 "that work on slow connections."));
  item.emplace("notifications", AttributeValue::M({{"email", AttributeValue::BOOL(true)},
                                                   {"digest", AttributeValue::S("weekly")}}));
  item.emplace("created_at", AttributeValue::S("2026-11-24T06:13:00Z"));
  item.emplace("updated_at", AttributeValue::S("2026-11-24T06:13:00Z"));
  item.emplace("version", AttributeValue::N(std::int64_t{3}));
  return item;
}

}  // namespace hub::bench
