// End to end against the real AWS Lambda Runtime Interface Emulator: RIE runs the
// bootstrap-health binary as Lambda would and forwards an API Gateway event to it.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

#include "core/json.hpp"
#include "fixtures.hpp"

extern char** environ;  // NOLINT: POSIX, for posix_spawn

namespace hub::runtime::lambda {
namespace {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
namespace fs = std::filesystem;
using tcp = asio::ip::tcp;

bool is_executable(const fs::path& path) { return !path.empty() && ::access(path.c_str(), X_OK) == 0; }

// AWS_LAMBDA_RIE, else PATH, else $HOME/go/bin (where `go install` puts it).
std::optional<fs::path> find_rie() {
  if (const char* explicit_path = std::getenv("AWS_LAMBDA_RIE");
      explicit_path != nullptr && *explicit_path != '\0') {
    return is_executable(explicit_path) ? std::optional<fs::path>(explicit_path) : std::nullopt;
  }
  if (const char* path = std::getenv("PATH")) {
    std::string_view dirs = path;
    while (!dirs.empty()) {
      const auto colon = dirs.find(':');
      const fs::path candidate = fs::path(dirs.substr(0, colon)) / "aws-lambda-rie";
      if (is_executable(candidate)) return candidate;
      if (colon == std::string_view::npos) break;
      dirs.remove_prefix(colon + 1);
    }
  }
  if (const char* home = std::getenv("HOME")) {
    const fs::path candidate = fs::path(home) / "go" / "bin" / "aws-lambda-rie";
    if (is_executable(candidate)) return candidate;
  }
  return std::nullopt;
}

unsigned short free_port() {
  asio::io_context io;
  tcp::acceptor probe(io, {asio::ip::make_address("127.0.0.1"), 0});
  return probe.local_endpoint().port();
}

// The child process, stopped and reaped when the test ends.
class ChildProcess {
 public:
  explicit ChildProcess(const std::vector<std::string>& argv) {
    std::vector<char*> args;
    for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));  // NOLINT: POSIX API
    args.push_back(nullptr);
    // The child inherits the environment without AWS_LAMBDA_RUNTIME_API (the RIE sets it) and
    // without the caller's HUB_ settings (the function's configuration would reject unknown ones).
    std::vector<std::string> env_text;
    for (char** entry = environ; *entry != nullptr; ++entry) {
      const std::string_view variable = *entry;
      if (!variable.starts_with("AWS_LAMBDA_RUNTIME_API=") && !variable.starts_with("HUB_")) {
        env_text.emplace_back(variable);
      }
    }
    std::vector<char*> env;
    for (auto& entry : env_text) env.push_back(entry.data());
    env.push_back(nullptr);
    started_ = ::posix_spawn(&pid_, args[0], nullptr, nullptr, args.data(), env.data()) == 0;
  }
  ~ChildProcess() {
    if (!started_) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  [[nodiscard]] bool started() const noexcept { return started_; }

 private:
  pid_t pid_ = 0;
  bool started_ = false;
};

// POSTs `body` to the RIE's invoke URL, retrying the connection while the RIE starts up.
std::optional<std::string> invoke(unsigned short port, const std::string& body) {
  asio::io_context io;
  boost::beast::tcp_stream stream(io);
  const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  for (;;) {
    boost::system::error_code ec;
    stream.socket().connect(endpoint, ec);
    if (!ec) break;
    stream.socket().close(ec);
    if (std::chrono::steady_clock::now() > give_up) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  bhttp::request<bhttp::string_body> request{bhttp::verb::post, "/2015-03-31/functions/function/invocations",
                                             11};
  request.set(bhttp::field::host, "127.0.0.1");
  request.set(bhttp::field::content_type, "application/json");
  request.body() = body;
  request.prepare_payload();

  boost::system::error_code ec = asio::error::would_block;
  bhttp::response<bhttp::string_body> response;
  boost::beast::flat_buffer buffer;
  stream.expires_after(std::chrono::seconds(30));  // a cold start plus one request
  bhttp::async_write(stream, request, [&](boost::system::error_code e, std::size_t) {
    ec = e;
    if (!e)
      bhttp::async_read(stream, buffer, response, [&](boost::system::error_code r, std::size_t) { ec = r; });
  });
  io.run();
  if (ec) {
    ADD_FAILURE() << "invoking the RIE failed: " << ec.message();
    return std::nullopt;
  }
  EXPECT_EQ(response.result_int(), 200U) << response.body();
  return response.body();
}

TEST(LambdaRieTest, HealthFunctionAnswersAnApiGatewayEvent) {
  const auto rie = find_rie();
  if (!rie) GTEST_SKIP() << "aws-lambda-rie not installed: scripts/bootstrap installs it into .tools/bin";
  const fs::path bootstrap = fs::path(HUB_BIN_DIR) / "bootstrap-health";
  if (!is_executable(bootstrap)) GTEST_SKIP() << bootstrap << " is not built";

  const unsigned short port = free_port();
  // The Runtime API on a port of its own too: the RIE's default, 9001, may be taken.
  const ChildProcess emulator({rie->string(), "--log-level", "error", "--runtime-interface-emulator-address",
                               "127.0.0.1:" + std::to_string(port), "--runtime-api-address",
                               "127.0.0.1:" + std::to_string(free_port()), bootstrap.string()});
  ASSERT_TRUE(emulator.started());

  const auto output = invoke(port, test_support::apigw_event_for("GET", "/version"));
  ASSERT_TRUE(output.has_value());
  auto response = parse_json(*output);
  ASSERT_TRUE(response.ok()) << *output;
  ASSERT_TRUE(response->is_object()) << *output;
  EXPECT_EQ(response->at("statusCode").as_int64(), 200) << *output;
  ASSERT_FALSE(response->at("isBase64Encoded").as_bool());
  auto body = parse_json(response->at("body").as_string());
  ASSERT_TRUE(body.ok()) << *output;
  EXPECT_TRUE(body->as_object().contains("version")) << *output;
}

}  // namespace
}  // namespace hub::runtime::lambda
