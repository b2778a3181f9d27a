#pragma once

// A small model exercising every kind of field and constraint the codec supports.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "models/model.hpp"

namespace hub::models {

struct TestAddress {
  std::string city;
  std::string postcode;
  bool operator==(const TestAddress&) const = default;
};
BOOST_DESCRIBE_STRUCT(TestAddress, (), (city, postcode))
HUB_MODEL(TestAddress, "A postal address.", field("city").describe("City name").min_length(1),
          field("postcode").max_length(10));

struct TestItem {
  std::string name;
  int quantity = 0;
  bool operator==(const TestItem&) const = default;
};
BOOST_DESCRIBE_STRUCT(TestItem, (), (name, quantity))
HUB_MODEL(TestItem, "One line item.", field("name").min_length(1), field("quantity").minimum(1).maximum(99));

struct TestProfile {
  std::string display_name;
  std::string role;
  int age = 0;
  std::optional<std::string> nickname;
  TestAddress address;
  std::vector<TestItem> items;
  std::vector<std::string> tags;
  std::map<std::string, int> scores;
  std::string created_at;
  std::string email;
  std::string id;
  bool active = false;
  double rating = 0;
  std::optional<TestAddress> previous_address;
  bool operator==(const TestProfile&) const = default;
};
BOOST_DESCRIBE_STRUCT(TestProfile, (),
                      (display_name, role, age, nickname, address, items, tags, scores, created_at, email, id,
                       active, rating, previous_address))
HUB_MODEL(TestProfile, "A member profile used by the codec tests.",
          field("display_name").describe("Shown to other members").min_length(2).max_length(10),
          field("role").one_of({"member", "admin"}), field("age").minimum(0).maximum(150),
          field("nickname").max_length(5), field("address").describe("Where the member lives"),
          field("tags").max_length(3), field("scores").max_length(4),
          field("created_at").format(Format::date_time), field("email").format(Format::email),
          field("id").format(Format::ulid), field("rating").minimum(0).maximum(5));

}  // namespace hub::models
