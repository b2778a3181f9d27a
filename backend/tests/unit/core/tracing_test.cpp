#include <string>

#include <gtest/gtest.h>

#include "core/tracing.hpp"

namespace hub::core {
namespace {

TEST(XrayTraceRoot, ExtractsTheRootAsPowertoolsLogsIt) {
  EXPECT_EQ(xray_trace_root("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"),
            "1-5759e988-bd862e3fe1be46a994272793");
  EXPECT_EQ(xray_trace_root("Root=1-5759e988-bd862e3fe1be46a994272793"),
            "1-5759e988-bd862e3fe1be46a994272793");
  EXPECT_EQ(
      xray_trace_root("Self=1-67891234-12456789abcdef012345678;Root=1-67891233-abcdef012345678912345678"),
      "1-67891233-abcdef012345678912345678");
}

TEST(XrayTraceRoot, EmptyWhenMissingOrMalformed) {
  EXPECT_EQ(xray_trace_root(""), "");
  EXPECT_EQ(xray_trace_root("Parent=53995c3f42cd8ad8;Sampled=1"), "");
  EXPECT_EQ(xray_trace_root("Root=;Parent=1"), "");
  EXPECT_EQ(xray_trace_root("Root=1-<script>-x"), "");
  EXPECT_EQ(xray_trace_root("Root=1-5759e988 bd862e3f"), "");
  EXPECT_EQ(xray_trace_root("Root=" + std::string(65, 'a')), "");
  EXPECT_EQ(xray_trace_root("Root=" + std::string(64, 'a')), std::string(64, 'a'));
}

}  // namespace
}  // namespace hub::core
