// X-Ray in the AWS layer: subsegment documents, the daemon's address, the UDP sender, and the
// trace header every call carries.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include "aws/json_service_client.hpp"
#include "aws/sigv4.hpp"
#include "aws/xray_daemon.hpp"
#include "aws/xray_recorder.hpp"
#include "aws/xray_segment.hpp"
#include "core/tracing.hpp"

namespace hub::aws {
namespace {

using namespace std::chrono_literals;
namespace json = boost::json;

constexpr std::string_view kRoot = "1-5759e988-bd862e3fe1be46a994272793";
constexpr std::string_view kParent = "53995c3f42cd8ad8";

core::TraceHeader trace(bool sampled) {
  return {.root = std::string(kRoot), .parent = std::string(kParent), .sampled = sampled, .lineage = {}};
}

// A UDP socket on 127.0.0.1 that keeps what it is sent.
class UdpListener {
 public:
  UdpListener() : fd_(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);  // NOLINT
    socklen_t length = sizeof address;
    EXPECT_EQ(::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length), 0);  // NOLINT
    port_ = ntohs(address.sin_port);
  }
  ~UdpListener() { ::close(fd_); }
  UdpListener(const UdpListener&) = delete;
  UdpListener& operator=(const UdpListener&) = delete;
  UdpListener(UdpListener&&) = delete;
  UdpListener& operator=(UdpListener&&) = delete;

  [[nodiscard]] std::uint16_t port() const { return port_; }
  [[nodiscard]] XRayDaemonAddress address() const { return {.host = "127.0.0.1", .port = port_}; }

  // The next datagram, or nothing when none comes within `wait`.
  std::optional<std::string> receive(std::chrono::milliseconds wait = 5s) const {
    pollfd poller{.fd = fd_, .events = POLLIN, .revents = 0};
    if (::poll(&poller, 1, static_cast<int>(wait.count())) != 1) return std::nullopt;
    std::string buffer(70'000, '\0');
    const auto got = ::recv(fd_, buffer.data(), buffer.size(), 0);
    if (got < 0) return std::nullopt;
    buffer.resize(static_cast<std::size_t>(got));
    return buffer;
  }

 private:
  int fd_;
  std::uint16_t port_ = 0;
};

// The subsegment of a datagram, after checking its header line.
json::object document_of(const std::string& datagram) {
  EXPECT_TRUE(datagram.starts_with(kXRayDaemonHeader)) << datagram;
  return json::parse(datagram.substr(kXRayDaemonHeader.size())).as_object();
}

core::DependencyCall dynamodb_call(const core::TraceHeader& header) {
  return {.service = "dynamodb",
          .operation = "GetItem",
          .outcome = core::CallOutcome::ok,
          .attempts = 2,
          .latency = 12'345us,
          .consumed_capacity_units = 0.5,
          .started = std::chrono::system_clock::time_point{1'700'000'000'123'456us},
          .region = "af-south-1",
          .resource = "innovation-hub",
          .http_status = 200,
          .request_id = "REQ123",
          .trace = &header,
          .subsegment_id = "0123456789abcdef"};
}

TEST(XRaySubsegment, DescribesOneDynamoDbCallAsAnIndependentSubsegment) {
  const auto header = trace(true);
  const auto document = xray_subsegment(dynamodb_call(header));
  ASSERT_TRUE(document);
  const auto& d = *document;
  EXPECT_EQ(d.at("type"), "subsegment");
  EXPECT_EQ(d.at("id"), "0123456789abcdef");
  EXPECT_EQ(d.at("trace_id").as_string(), kRoot);
  EXPECT_EQ(d.at("parent_id").as_string(), kParent);
  EXPECT_EQ(d.at("name"), "DynamoDB");
  EXPECT_EQ(d.at("namespace"), "aws");
  EXPECT_DOUBLE_EQ(d.at("start_time").as_double(), 1'700'000'000.123456);
  EXPECT_DOUBLE_EQ(d.at("end_time").as_double(), 1'700'000'000.135801);
  const auto& aws = d.at("aws").as_object();
  EXPECT_EQ(aws.at("operation"), "GetItem");
  EXPECT_EQ(aws.at("table_name"), "innovation-hub");
  EXPECT_EQ(aws.at("region"), "af-south-1");
  EXPECT_EQ(aws.at("request_id"), "REQ123");
  EXPECT_EQ(aws.at("retries"), 1);
  EXPECT_EQ(d.at("http").at("response").at("status"), 200);
  EXPECT_FALSE(d.contains("error") || d.contains("throttle") || d.contains("fault"));
}

TEST(XRaySubsegment, FlagsThrottlesErrorsAndFaultsAsTheSegmentSpecSays) {
  const auto header = trace(true);
  struct Case {
    core::CallOutcome outcome;
    int status;
    bool error, throttle, fault;
  };
  for (const auto& c :
       std::vector<Case>{{core::CallOutcome::throttled, 400, true, true, false},
                         {core::CallOutcome::conditional_check_failed, 400, true, false, false},
                         {core::CallOutcome::failed, 400, true, false, false},
                         {core::CallOutcome::failed, 429, true, true, false},
                         {core::CallOutcome::failed, 500, false, false, true},
                         {core::CallOutcome::failed, 503, false, false, true},
                         {core::CallOutcome::failed, 0, false, false, true}}) {
    SCOPED_TRACE(testing::Message() << "status " << c.status);
    auto call = dynamodb_call(header);
    call.outcome = c.outcome;
    call.http_status = c.status;
    const auto d = *xray_subsegment(call);
    EXPECT_EQ(d.contains("error"), c.error);
    EXPECT_EQ(d.contains("throttle"), c.throttle);
    EXPECT_EQ(d.contains("fault"), c.fault);
    EXPECT_EQ(d.contains("http"), c.status != 0) << "no response, no status";
  }
}

TEST(XRaySubsegment, NoneWithoutASubsegmentIdATraceOrAParent) {
  const auto header = trace(true);
  auto call = dynamodb_call(header);
  call.subsegment_id = {};
  EXPECT_FALSE(xray_subsegment(call));
  call = dynamodb_call(header);
  call.trace = nullptr;
  EXPECT_FALSE(xray_subsegment(call));
  auto orphan = trace(true);
  orphan.parent.clear();
  EXPECT_FALSE(xray_subsegment(dynamodb_call(orphan)));
}

TEST(XRaySubsegment, OtherServicesAreNamedAsXRayNamesThemAndHaveNoTable) {
  EXPECT_EQ(xray_service_name("secretsmanager"), "SecretsManager");
  EXPECT_EQ(xray_service_name("ssm"), "SSM");
  EXPECT_EQ(xray_service_name("cognito-idp"), "CognitoIdentityProvider");
  const auto header = trace(true);
  auto call = dynamodb_call(header);
  call.service = "secretsmanager";
  call.operation = "GetSecretValue";
  const auto d = *xray_subsegment(call);
  EXPECT_EQ(d.at("name"), "SecretsManager");
  EXPECT_FALSE(d.at("aws").as_object().contains("table_name"));
}

TEST(XRayDaemonAddress, ReadsBothFormsLambdaWrites) {
  const auto plain = parse_xray_daemon_address("169.254.79.129:2000");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->host, "169.254.79.129");
  EXPECT_EQ(plain->port, 2000);
  for (const auto* text :
       {"tcp:127.0.0.1:2000 udp:127.0.0.2:2001", " udp:127.0.0.2:2001  tcp:127.0.0.1:2000 "}) {
    const auto both = parse_xray_daemon_address(text);
    ASSERT_TRUE(both) << text;
    EXPECT_EQ(both->host, "127.0.0.2") << "the UDP address";
    EXPECT_EQ(both->port, 2001);
  }
  EXPECT_EQ(parse_xray_daemon_address("localhost:2000")->host, "localhost");
  EXPECT_EQ(parse_xray_daemon_address("[::1]:2000")->host, "::1");
}

TEST(XRayDaemonAddress, RefusesWhatIsMalformed) {
  for (const auto* text :
       {"", "127.0.0.1", "127.0.0.1:", ":2000", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:20x0",
        "tcp:127.0.0.1:2000", "udp:127.0.0.1:2000 udp:127.0.0.1:2001",
        "tcp:127.0.0.1:2000 sctp:127.0.0.1:2001", "udp:127.0.0.1 tcp:127.0.0.1:2000", "a:1 b:2"}) {
    EXPECT_FALSE(parse_xray_daemon_address(text)) << text;
  }
}

TEST(XRayDaemonSender, EachDocumentArrivesAsOneDatagramBehindTheHeaderLine) {
  const UdpListener daemon;
  auto sender = XRayDaemonSender::open(daemon.address());
  ASSERT_TRUE(sender) << sender.error().detail;
  EXPECT_TRUE((*sender)->send(R"({"id":"1"})"));
  EXPECT_TRUE((*sender)->send(R"({"id":"2"})"));
  EXPECT_EQ(daemon.receive(), std::string(kXRayDaemonHeader) + R"({"id":"1"})");
  EXPECT_EQ(daemon.receive(), std::string(kXRayDaemonHeader) + R"({"id":"2"})");
  EXPECT_EQ((*sender)->sent(), 2U);
  EXPECT_EQ((*sender)->dropped(), 0U);
}

TEST(XRayDaemonSender, AnOversizeDocumentIsDroppedAndCountedNotSent) {
  const UdpListener daemon;
  auto sender = XRayDaemonSender::open(daemon.address());
  ASSERT_TRUE(sender);
  const std::string huge(kMaxXRayDatagramBytes, 'x');
  EXPECT_FALSE((*sender)->send(huge));
  const std::string largest(kMaxXRayDatagramBytes - kXRayDaemonHeader.size(), 'y');
  EXPECT_TRUE((*sender)->send(largest));
  EXPECT_EQ(daemon.receive(), std::string(kXRayDaemonHeader) + largest) << "the oversize one never went out";
  EXPECT_EQ((*sender)->dropped(), 1U);
  EXPECT_EQ((*sender)->sent(), 1U);
}

TEST(XRayDaemonSender, ADaemonThatIsNotThereNeverFailsTheCaller) {
  std::optional<XRayDaemonAddress> address;
  {
    const UdpListener gone;  // a port that was free a moment ago and is closed now
    address = gone.address();
  }
  auto sender = XRayDaemonSender::open(*address);
  ASSERT_TRUE(sender);
  for (int i = 0; i < 20; ++i) (*sender)->send(R"({"id":"x"})");
  EXPECT_EQ((*sender)->sent() + (*sender)->dropped(), 20U) << "each one either went out or was counted";
}

// Answers from a script and records what was sent.
class ScriptedTransport final : public HttpTransport {
 public:
  void answer(int status, std::string body, HeaderList headers = {}) {
    script_.emplace_back(HttpResponse{status, std::move(headers), std::move(body)});
  }
  AwsResult<HttpResponse> send(const HttpRequest& request, const SendOptions& /*options*/) override {
    sent.push_back(request);
    if (script_.empty()) return AwsError::make(AwsErrc::connection_failed, "script exhausted");
    auto next = std::move(script_.front());
    script_.pop_front();
    return next;
  }
  std::vector<HttpRequest> sent;

 private:
  std::deque<HttpResponse> script_;
};

// Keeps what each call reported about its trace.
class TraceObserver final : public core::CallObserver {
 public:
  explicit TraceObserver(bool records) : records_(records) {}
  void on_call(const core::DependencyCall& call) override {
    calls.push_back({std::string(call.subsegment_id), call.trace != nullptr ? call.trace->root : "",
                     std::string(call.resource), std::string(call.region), call.http_status,
                     std::string(call.request_id)});
  }
  [[nodiscard]] bool records_subsegments() const noexcept override { return records_; }
  struct Seen {
    std::string subsegment_id, root, resource, region;
    int status;
    std::string request_id;
  };
  std::vector<Seen> calls;

 private:
  bool records_;
};

std::string header(const HttpRequest& request, std::string_view name) {
  for (const auto& [key, value] : request.headers) {
    if (key == name) return value;
  }
  return {};
}

class TracedCalls : public ::testing::Test {
 protected:
  JsonServiceClient client(std::shared_ptr<core::CallObserver> observer, int max_attempts = 3) {
    ClientSettings settings;
    settings.endpoint = "http://127.0.0.1:8000";
    settings.region = "af-south-1";
    settings.credentials = {"AKIDEXAMPLE", "secret", ""};
    settings.retry.max_attempts = max_attempts;
    settings.observer = std::move(observer);
    return JsonServiceClient{dynamodb_spec(), settings, transport, quota,
                             RetryEnvironment{.random01 = [] { return 0.0; }, .sleep = [](auto) {}}};
  }
  void answer_ok() { transport.answer(200, "{}", {{"x-amzn-RequestId", "REQ-OK"}}); }

  ScriptedTransport transport;
  RetryQuota quota;
};

TEST_F(TracedCalls, OutsideATraceNoTraceHeaderIsSent) {
  answer_ok();
  auto observer = std::make_shared<TraceObserver>(true);
  ASSERT_TRUE(client(observer).call("GetItem", "innovation-hub", "{}", core::Deadline::never()));
  EXPECT_EQ(header(transport.sent.at(0), "X-Amzn-Trace-Id"), "");
  ASSERT_EQ(observer->calls.size(), 1U);
  EXPECT_EQ(observer->calls[0].subsegment_id, "");
  EXPECT_EQ(observer->calls[0].root, "");
}

TEST_F(TracedCalls, ASampledRecordedCallIsItsOwnParentAndTheHeaderIsNotSigned) {
  const core::ScopedTraceContext scope(trace(true));
  answer_ok();
  auto observer = std::make_shared<TraceObserver>(true);
  ASSERT_TRUE(client(observer).call("GetItem", "innovation-hub", "{}", core::Deadline::never()));
  ASSERT_EQ(observer->calls.size(), 1U);
  const auto& seen = observer->calls[0];
  EXPECT_TRUE(core::is_segment_id(seen.subsegment_id)) << seen.subsegment_id;
  EXPECT_NE(seen.subsegment_id, kParent);
  EXPECT_EQ(seen.root, kRoot);
  EXPECT_EQ(seen.resource, "innovation-hub");
  EXPECT_EQ(seen.region, "af-south-1");
  EXPECT_EQ(seen.status, 200);
  EXPECT_EQ(seen.request_id, "REQ-OK");
  const auto& sent = transport.sent.at(0);
  EXPECT_EQ(header(sent, "X-Amzn-Trace-Id"),
            "Root=" + std::string(kRoot) + ";Parent=" + seen.subsegment_id + ";Sampled=1");
  const auto authorization = header(sent, "Authorization");
  EXPECT_EQ(authorization.find("x-amzn-trace-id"), std::string::npos) << authorization;
}

TEST_F(TracedCalls, WithoutARecorderOrWhenUnsampledTheFunctionSegmentStaysTheParent) {
  for (const bool sampled : {true, false}) {
    const core::ScopedTraceContext scope(trace(sampled));
    transport.sent.clear();
    answer_ok();
    auto observer = std::make_shared<TraceObserver>(!sampled);  // sampled: no recorder; unsampled: one
    ASSERT_TRUE(client(observer).call("GetItem", "innovation-hub", "{}", core::Deadline::never()));
    EXPECT_EQ(header(transport.sent.at(0), "X-Amzn-Trace-Id"), "Root=" + std::string(kRoot) +
                                                                   ";Parent=" + std::string(kParent) +
                                                                   (sampled ? ";Sampled=1" : ";Sampled=0"));
    EXPECT_EQ(observer->calls.at(0).subsegment_id, "");
  }
}

TEST_F(TracedCalls, EveryAttemptOfACallCarriesTheSameHeader) {
  const core::ScopedTraceContext scope(trace(true));
  transport.answer(500, R"({"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"x"})");
  answer_ok();
  ASSERT_TRUE(
      client(std::make_shared<TraceObserver>(true)).call("GetItem", "t", "{}", core::Deadline::never()));
  ASSERT_EQ(transport.sent.size(), 2U);
  EXPECT_FALSE(header(transport.sent[0], "X-Amzn-Trace-Id").empty());
  EXPECT_EQ(header(transport.sent[0], "X-Amzn-Trace-Id"), header(transport.sent[1], "X-Amzn-Trace-Id"));
}

TEST_F(TracedCalls, TheRecorderSendsEachCallOfASampledTraceToTheDaemon) {
  const UdpListener daemon;
  auto sender = XRayDaemonSender::open(daemon.address());
  ASSERT_TRUE(sender);
  const auto recorder = std::make_shared<XRayCallRecorder>(*sender);
  const auto dynamodb = client(recorder, 1);
  {
    const core::ScopedTraceContext scope(trace(true));
    answer_ok();
    ASSERT_TRUE(dynamodb.call("DescribeTable", "innovation-hub", "{}", core::Deadline::never()));
    transport.answer(400,
                     R"({"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",)"
                     R"("message":"slow down"})",
                     {{"x-amzn-RequestId", "REQ-THROTTLED"}});
    EXPECT_FALSE(dynamodb.call("PutItem", "innovation-hub", "{}", core::Deadline::never()));
  }
  {
    const core::ScopedTraceContext unsampled(trace(false));
    answer_ok();
    ASSERT_TRUE(dynamodb.call("GetItem", "innovation-hub", "{}", core::Deadline::never()));
  }
  answer_ok();
  ASSERT_TRUE(dynamodb.call("GetItem", "innovation-hub", "{}", core::Deadline::never()));

  const auto first = document_of(daemon.receive().value());
  EXPECT_EQ(first.at("aws").at("operation"), "DescribeTable");
  EXPECT_EQ(first.at("trace_id").as_string(), kRoot);
  EXPECT_EQ(first.at("parent_id").as_string(), kParent);
  EXPECT_EQ(first.at("aws").at("request_id"), "REQ-OK");
  EXPECT_LE(first.at("start_time").as_double(), first.at("end_time").as_double());
  EXPECT_EQ(
      header(transport.sent.at(0), "X-Amzn-Trace-Id"),
      "Root=" + std::string(kRoot) + ";Parent=" + std::string(first.at("id").as_string()) + ";Sampled=1");
  const auto second = document_of(daemon.receive().value());
  EXPECT_EQ(second.at("aws").at("operation"), "PutItem");
  EXPECT_EQ(second.at("throttle"), true);
  EXPECT_EQ(second.at("error"), true);
  EXPECT_EQ(second.at("http").at("response").at("status"), 400);
  EXPECT_NE(first.at("id"), second.at("id"));
  EXPECT_FALSE(daemon.receive(300ms)) << "unsampled and untraced calls send nothing";
  EXPECT_EQ(recorder->sender().sent(), 2U);
}

TEST(SigV4, LeavesTheTraceHeaderAndTheSdksOtherUnsignedHeadersOutOfTheSignature) {
  for (const auto* name :
       {"X-Amzn-Trace-Id", "x-amzn-trace-id", "User-Agent", "Authorization", "Expect", "Transfer-Encoding"}) {
    EXPECT_TRUE(is_unsigned_header(name)) << name;
  }
  EXPECT_FALSE(is_unsigned_header("X-Amz-Target"));
  const SigningParams params{.credentials = {"AKIDEXAMPLE", "secret", ""},
                             .region = "af-south-1",
                             .service = "dynamodb",
                             .time = core::SystemTime{std::chrono::seconds{1'700'000'000}}};
  RequestToSign request{.method = "POST", .path = "/", .query = {}, .headers = {{"Host", "h"}}, .body = "{}"};
  const auto plain = sign_v4(request, params);
  request.headers.emplace_back("X-Amzn-Trace-Id", "Root=" + std::string(kRoot));
  const auto traced = sign_v4(request, params);
  EXPECT_EQ(plain.canonical_request, traced.canonical_request);
  EXPECT_EQ(plain.signature, traced.signature);
}

}  // namespace
}  // namespace hub::aws
