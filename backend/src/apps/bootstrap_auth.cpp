// bootstrap-auth: the Lambda function that is API Gateway's Lambda authorizer (payload 2.0, simple
// responses) and serves GET /auth/session (docs/auth.md).
#include "apps/common/function_routes.hpp"
#include "apps/common/service.hpp"
#include "handlers/auth/authorizer.hpp"
#include "runtime/lambda/lambda_main.hpp"

int main() {
  return hub::runtime::lambda::run_lambda_function(
      []() -> hub::Result<hub::runtime::lambda::FunctionHandlers> {
        auto service = hub::apps::load_service();
        if (!service) return std::move(service).error();
        if (auto connected = hub::apps::connect_storage(*service.value()); !connected) {
          return std::move(connected).error();
        }
        hub::apps::add_function_routes(*service.value(), *hub::apps::find_function_routes("auth"));
        auto authenticator = service.value()->authenticator;
        return hub::runtime::lambda::FunctionHandlers{
            .pipeline = hub::apps::finish(service.value()),
            .authorizer = [authenticator](const hub::http::Request& request) -> hub::json::object {
              if (!authenticator) return hub::json::object{{"isAuthorized", false}};
              return hub::handlers::auth::authorize(*authenticator, request);
            },
        };
      });
}
