#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "core/json.hpp"

namespace hub::runtime::lambda::test_support {

// The API Gateway sample events (aws-lambda-go events/testdata) shared by every test suite.
inline std::filesystem::path apigw_fixture_dir() {
  return std::filesystem::path(HUB_SHARED_DIR) / "vectors" / "apigw";
}

inline std::string read_text_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::string apigw_fixture(std::string_view name) {
  const auto path = apigw_fixture_dir() / name;
  EXPECT_TRUE(std::filesystem::exists(path)) << path;
  return read_text_file(path);
}

inline json::object apigw_fixture_object(std::string_view name) {
  auto parsed = parse_json(apigw_fixture(name));
  EXPECT_TRUE(parsed.ok()) << name;
  return parsed ? parsed->as_object() : json::object{};
}

// The no-authorizer sample, re-aimed at another method and path.
inline std::string apigw_event_for(std::string_view method, std::string_view path) {
  auto event = apigw_fixture_object("apigw-v2-request-no-authorizer.json");
  event["rawPath"] = path;
  event["requestContext"].as_object()["http"].as_object()["method"] = method;
  event["requestContext"].as_object()["http"].as_object()["path"] = path;
  return to_json_text(event);
}

}  // namespace hub::runtime::lambda::test_support
