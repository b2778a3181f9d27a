#pragma once

#include <string>

#include "models/model.hpp"

namespace hub::models {

struct VersionInfo {
  std::string name;
  std::string version;
  std::string git_commit;
  std::string build_time;
  std::string compiler;
  std::string build_type;
};
BOOST_DESCRIBE_STRUCT(VersionInfo, (), (name, version, git_commit, build_time, compiler, build_type))
HUB_MODEL(VersionInfo, "What is running: the build's name, version and provenance.",
          field("name").describe("API name").min_length(1),
          field("version").describe("Semantic version of the build").min_length(1).example_value("0.1.0"),
          field("git_commit")
              .describe("Commit the build was made from; -dirty when the tree had changes")
              .min_length(1),
          field("build_time").describe("When this commit was first built (UTC)").format(Format::date_time),
          field("compiler").describe("Compiler and its version").min_length(1),
          field("build_type").describe("CMake build type, e.g. Release"));

}  // namespace hub::models
