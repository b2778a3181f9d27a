// bootstrap-users: the Lambda function serving /users/... and /feedback... (docs/api.md).
#include "apps/common/function_routes.hpp"
#include "apps/common/service.hpp"
#include "runtime/lambda/lambda_main.hpp"

int main() {
  return hub::runtime::lambda::run_lambda_function(
      []() -> hub::Result<std::shared_ptr<const hub::http::Pipeline>> {
        auto service = hub::apps::load_service();
        if (!service) return std::move(service).error();
        if (auto connected = hub::apps::connect_storage(*service.value()); !connected) {
          return std::move(connected).error();
        }
        hub::apps::add_function_routes(*service.value(), *hub::apps::find_function_routes("users"));
        return hub::apps::finish(service.value());
      });
}
