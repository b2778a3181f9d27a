#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "core/call_observer.hpp"
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

namespace hub::core {
namespace {

constexpr std::string_view kRoot = "1-5759e988-bd862e3fe1be46a994272793";

TEST(TraceHeader, ParsesEveryFieldInAnyOrder) {
  const auto header = parse_trace_header(
      "Sampled=1;Lineage=a87bd80c:1|68fd508a:5;Parent=53995c3f42cd8ad8;Root=" + std::string(kRoot));
  ASSERT_TRUE(header);
  EXPECT_EQ(header->root, kRoot);
  EXPECT_EQ(header->parent, "53995c3f42cd8ad8");
  EXPECT_EQ(header->sampled, true);
  EXPECT_EQ(header->lineage, "a87bd80c:1|68fd508a:5");
  EXPECT_TRUE(header->is_sampled());
}

TEST(TraceHeader, ToleratesSpacesUnknownFieldsAndRepeats) {
  const auto header = parse_trace_header(" Root=" + std::string(kRoot) +
                                         " ; Self=1-67891234-12456789abcdef012345678 ;Foo=bar;;novalue;"
                                         "Parent=53995c3f42cd8ad8;Sampled=0;Sampled=1");
  ASSERT_TRUE(header);
  EXPECT_EQ(header->root, kRoot);
  EXPECT_EQ(header->parent, "53995c3f42cd8ad8");
  EXPECT_EQ(header->sampled, false) << "the first Sampled counts";
  EXPECT_TRUE(header->lineage.empty());
}

TEST(TraceHeader, SampledIsUnknownWhenAbsentUndecidedOrOdd) {
  for (const std::string tail : {"", ";Sampled=?", ";Sampled=yes"}) {
    const auto header = parse_trace_header("Root=" + std::string(kRoot) + tail);
    ASSERT_TRUE(header) << tail;
    EXPECT_FALSE(header->sampled.has_value()) << tail;
    EXPECT_FALSE(header->is_sampled()) << tail;
    EXPECT_TRUE(header->parent.empty());
  }
}

TEST(TraceHeader, RefusesAMissingOrMalformedRootOrParent) {
  EXPECT_FALSE(parse_trace_header(""));
  EXPECT_FALSE(parse_trace_header("Parent=53995c3f42cd8ad8;Sampled=1"));
  EXPECT_FALSE(parse_trace_header("Root=1-5759e988-bd862e3fe1be46a99427279"));                   // 23 digits
  EXPECT_FALSE(parse_trace_header("Root=2-5759e988-bd862e3fe1be46a994272793"));                  // version 2
  EXPECT_FALSE(parse_trace_header("Root=1-5759e98g-bd862e3fe1be46a994272793"));                  // not hex
  EXPECT_FALSE(parse_trace_header("Root=1-5759e988bd862e3fe1be46a994272793a"));                  // no dash
  EXPECT_FALSE(parse_trace_header("Root=" + std::string(kRoot) + ";Parent=53995c3f42cd8ad"));    // 15
  EXPECT_FALSE(parse_trace_header("Root=" + std::string(kRoot) + ";Parent=53995C3F42CD8AD8"));   // upper
  EXPECT_FALSE(parse_trace_header("Root=" + std::string(kRoot) + ";Parent=53995c3f42cd8ad8x"));  // 17
}

TEST(TraceHeader, AnImplausibleLineageIsDroppedNotPassedOn) {
  const auto header = parse_trace_header("Root=" + std::string(kRoot) + ";Lineage=a b<script>");
  ASSERT_TRUE(header);
  EXPECT_TRUE(header->lineage.empty());
}

TEST(TraceHeader, FormatsWhatIsKnownInTheCanonicalOrder) {
  TraceHeader header{
      .root = std::string(kRoot), .parent = "53995c3f42cd8ad8", .sampled = true, .lineage = "a87bd80c:1"};
  EXPECT_EQ(format_trace_header(header),
            "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:1");
  header.sampled = false;
  header.lineage.clear();
  EXPECT_EQ(format_trace_header(header),
            "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0");
  EXPECT_EQ(format_trace_header(
                TraceHeader{.root = std::string(kRoot), .parent = {}, .sampled = {}, .lineage = {}}),
            "Root=1-5759e988-bd862e3fe1be46a994272793");
}

TEST(TraceHeader, FormattingThenParsingGivesTheSameHeader) {
  const TraceHeader header{
      .root = std::string(kRoot), .parent = "0123456789abcdef", .sampled = false, .lineage = "a87bd80c:1"};
  EXPECT_EQ(parse_trace_header(format_trace_header(header)), header);
}

TEST(SegmentIds, AreSixteenLowerHexDigitsAndDiffer) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const auto id = new_segment_id();
    EXPECT_TRUE(is_segment_id(id)) << id;
    EXPECT_NE(id, "0000000000000000");
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000U);
  EXPECT_TRUE(is_trace_id(kRoot));
  EXPECT_FALSE(is_segment_id("53995c3f42cd8ad"));
}

TEST(TraceContext, IsPerThreadAndRestoredWhenTheScopeEnds) {
  EXPECT_EQ(current_trace(), nullptr);
  {
    const ScopedTraceContext outer(
        parse_trace_header("Root=" + std::string(kRoot) + ";Parent=53995c3f42cd8ad8"));
    ASSERT_NE(current_trace(), nullptr);
    EXPECT_EQ(current_trace()->parent, "53995c3f42cd8ad8");
    {
      const ScopedTraceContext none(std::nullopt);
      EXPECT_EQ(current_trace(), nullptr);
    }
    EXPECT_EQ(current_trace()->parent, "53995c3f42cd8ad8");
    bool other_thread_traced = true;
    std::thread([&other_thread_traced] { other_thread_traced = current_trace() != nullptr; }).join();
    EXPECT_FALSE(other_thread_traced) << "another thread has no trace until it installs one";
  }
  EXPECT_EQ(current_trace(), nullptr);
}

}  // namespace
}  // namespace hub::core

namespace hub::core {
namespace {

class CountingObserver final : public CallObserver {
 public:
  explicit CountingObserver(bool records) : records_(records) {}
  void on_call(const DependencyCall& call) override { operations.emplace_back(call.operation); }
  [[nodiscard]] bool records_subsegments() const noexcept override { return records_; }
  std::vector<std::string> operations;

 private:
  bool records_;
};

TEST(ObserverChain, TellsEveryObserverAndRecordsSubsegmentsWhenAnyDoes) {
  auto metrics = std::make_shared<CountingObserver>(false);
  auto tracing = std::make_shared<CountingObserver>(true);
  ObserverChain chain({metrics, tracing});
  chain.on_call({.service = "dynamodb", .operation = "GetItem"});
  EXPECT_EQ(metrics->operations, std::vector<std::string>{"GetItem"});
  EXPECT_EQ(tracing->operations, std::vector<std::string>{"GetItem"});
  EXPECT_TRUE(chain.records_subsegments());
  EXPECT_FALSE(ObserverChain({metrics}).records_subsegments());
}

}  // namespace
}  // namespace hub::core
