#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/model.hpp"

namespace hub::models {

// The RFC 9457 body every error response carries (written by http/problem.cpp; a test checks
// that what it writes validates against this declaration).
struct ProblemField {
  std::string pointer;
  std::string message;
};
BOOST_DESCRIBE_STRUCT(ProblemField, (), (pointer, message))
HUB_MODEL(ProblemField, "One invalid field or parameter.",
          field("pointer").describe("RFC 6901 JSON pointer to the field, e.g. /display_name or /query/limit"),
          field("message").describe("What is wrong with it").min_length(1));

struct Problem {
  std::string type;
  std::string title;
  int status = 500;
  std::string detail;
  std::string code;
  std::string request_id;
  std::optional<std::string> instance;
  std::optional<std::vector<ProblemField>> errors;
  std::optional<std::int64_t> current_version;
};
BOOST_DESCRIBE_STRUCT(Problem, (),
                      (type, title, status, detail, code, request_id, instance, errors, current_version))
HUB_MODEL(Problem, "An RFC 9457 problem: what went wrong, a stable code and the request id to quote.",
          field("type").describe("URI identifying the problem type").min_length(1),
          field("title").describe("Short summary of the problem type").min_length(1),
          field("status").describe("HTTP status code").minimum(400).maximum(599),
          field("detail").describe("Explanation of this occurrence"),
          field("code").describe("Stable machine-readable error code (see docs/errors.md)").min_length(1),
          field("request_id").describe("Quote it when reporting a problem").min_length(1),
          field("instance").describe("The request path"),
          field("errors").describe("For validation problems, one entry per bad field"),
          field("current_version").describe("For VERSION_CONFLICT, the version the item has now").minimum(1));

}  // namespace hub::models
