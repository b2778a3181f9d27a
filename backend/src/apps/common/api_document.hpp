#pragma once

#include <memory>
#include <string_view>

#include "apps/common/service.hpp"
#include "core/json.hpp"
#include "core/result.hpp"

namespace hub::apps {

// Registers every route group, in the order the API's description lists them: health, auth,
// users, feedback, then /docs and /openapi.json (the description of all of them). hub-server
// serves exactly this.
void add_all_routes(Service& service);

// A service that only describes (Service::describe_only), with storage connected: built over a
// fixed configuration, never the environment, so it is the same on every machine; its storage
// clients point nowhere and are never called, and no file is read for its routes.
[[nodiscard]] Result<std::shared_ptr<Service>> describing_service();

// The OpenAPI 3.1 description of the whole API, the one hub-server serves at /openapi.json:
// add_all_routes() on describing_service().
[[nodiscard]] Result<json::object> api_document();

// api_document() as it was when this binary was built (compact JSON), for a binary that serves
// /openapi.json without linking every route group (bootstrap-health). The build defines it:
// cmake/EmbedApiDocument.cmake writes `hubctl openapi --compact` into generated/api_document_text.cpp.
[[nodiscard]] std::string_view built_api_document() noexcept;

}  // namespace hub::apps
