// hub-server: every route, served over HTTP by Boost.Beast, for development and tests.
#include <charconv>
#include <cstdio>
#include <string_view>

#include <fmt/format.h>

#include "apps/common/api_document.hpp"
#include "apps/common/service.hpp"
#include "core/build_info.hpp"
#include "core/log.hpp"
#include "runtime/local/http_server.hpp"
#include "runtime/local/malloc_arenas.hpp"

namespace {

constexpr std::string_view kUsage =
    "usage: hub-server [--host HOST] [--port PORT]\n"
    "  --host HOST   address to listen on (default 127.0.0.1)\n"
    "  --port PORT   port to listen on, 0 picks a free one (default 8080)\n"
    "Settings come from the environment: see docs/configuration.md.\n";

bool parse_args(int argc, char** argv, hub::runtime::local::ServerOptions& options) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--help" || arg == "-h") {
      fmt::print("{}", kUsage);
      std::exit(0);  // NOLINT(concurrency-mt-unsafe): single-threaded here
    } else if (arg == "--version") {
      fmt::print("hub-server {} ({})\n", hub::core::build_info().version, hub::core::build_info().git_commit);
      std::exit(0);  // NOLINT(concurrency-mt-unsafe)
    } else if (arg == "--host" && has_value) {
      options.host = argv[++i];
    } else if (arg == "--port" && has_value) {
      const std::string_view text = argv[++i];
      unsigned port = 0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
      if (ec != std::errc{} || end != text.data() + text.size() || port > 65535) {
        fmt::print(stderr, "hub-server: --port must be 0-65535, got '{}'\n{}", text, kUsage);
        return false;
      }
      options.port = static_cast<std::uint16_t>(port);
    } else {
      fmt::print(stderr, "hub-server: unknown or incomplete argument '{}'\n{}", arg, kUsage);
      return false;
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  // Before any thread starts; MALLOC_ARENA_MAX or GLIBC_TUNABLES override it.
  hub::runtime::local::limit_malloc_arenas();
  hub::runtime::local::ServerOptions options;
  if (!parse_args(argc, argv, options)) return 2;

  auto service = hub::apps::load_service();
  if (!service) {
    fmt::print(stderr, "hub-server: {}", hub::core::describe_config_error(service.error()));
    return 2;
  }
  if (auto connected = hub::apps::connect_storage(*service.value()); !connected) {
    fmt::print(stderr, "hub-server: {}", hub::core::describe_config_error(connected.error()));
    return 2;
  }
  options.limits = service.value()->config.server;
  options.max_body_bytes = service.value()->config.max_body_bytes;
  hub::apps::add_all_routes(*service.value());
  auto pipeline = hub::apps::finish(service.value());

  hub::runtime::local::HttpServer server(pipeline, options);
  const auto port = server.listen();
  if (!port) {
    fmt::print(stderr, "hub-server: {}\n", port.error().detail);
    return 1;
  }
  const std::string url = fmt::format("http://{}:{}", options.host, port.value());
  hub::core::logger().info("listening", {{"url", url}});
  fmt::print(stderr, "Serving on {}\n", url);
  (void)std::fflush(stderr);
  server.run();
  return 0;
}
