#pragma once

#include <functional>
#include <string_view>

#include "handlers/api.hpp"
#include "handlers/health/docs_assets.hpp"

namespace hub::handlers::health {

// The Content-Security-Policy of the /docs page: its own origin's scripts, styles and images
// (and the data: images Swagger UI's stylesheet holds), fetches to its own origin only
// (openapi.json, "Try it out"), nothing inline, no framing.
inline constexpr std::string_view kDocsContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

// Reads the Swagger UI files (load_docs_assets over the configured folder).
using DocsLoader = std::function<DocsAssets()>;

// GET /docs (public, in the API description as text/html): Swagger UI over ./openapi.json, every
// link relative to the page so it works under any path prefix (an API Gateway stage) and never
// leaves its origin. GET /docs/<file> (public, not in the description): the page's script and the
// loaded files, cacheable for good since the page links them with ?v=<version>. Without complete
// assets, /docs and its files answer 503 saying how to install them.
//
// `load` runs once, when a /docs route is first asked for (thread-safe): reading and hashing
// Swagger UI (~2.4 MB) would otherwise cost every cold start of the function ~7 ms.
void register_docs_routes(Api& api, DocsLoader load);

}  // namespace hub::handlers::health
