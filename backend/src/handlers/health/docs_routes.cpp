#include "handlers/health/docs_routes.hpp"

#include <memory>
#include <mutex>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace hub::handlers::health {
namespace {

// Starts Swagger UI. The description is fetched from ./openapi.json and told that the API lives
// where the page does, so "Try it out" calls this server under whatever prefix serves the page.
constexpr std::string_view kInitScript = R"js("use strict";
(function () {
  var root = new URL(".", document.baseURI);
  var target = document.getElementById("swagger-ui");
  fetch(new URL("openapi.json", root), { headers: { Accept: "application/json" } })
    .then(function (response) {
      if (!response.ok) throw new Error("openapi.json answered " + response.status);
      return response.json();
    })
    .then(function (spec) {
      spec.servers = [{ url: root.href.replace(/\/$/, ""), description: "This server" }];
      window.ui = SwaggerUIBundle({
        spec: spec,
        domNode: target,
        deepLinking: true,
        validatorUrl: null,
        displayRequestDuration: true,
        defaultModelsExpandDepth: 1,
        presets: [SwaggerUIBundle.presets.apis],
        layout: "BaseLayout"
      });
    })
    .catch(function (error) {
      target.textContent = "The API description could not be loaded: " + error.message;
    });
})();
)js";

// {0}: ?v= of the stylesheet, {1}: of the icon, {2}: of Swagger UI, {3}: of the init script.
constexpr std::string_view kPageTemplate = R"html(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>IGAD Innovation Hub API</title>
<link rel="icon" type="image/png" href="docs/favicon-32x32.png?v={1}">
<link rel="stylesheet" href="docs/swagger-ui.css?v={0}">
</head>
<body>
<noscript>This page needs JavaScript. The API's description is at <a href="openapi.json">openapi.json</a>.</noscript>
<div id="swagger-ui"></div>
<script src="docs/swagger-ui-bundle.js?v={2}"></script>
<script src="docs/init.js?v={3}"></script>
</body>
</html>
)html";

constexpr std::string_view kInitScriptName = "init.js";

Error not_installed(const DocsAssets& assets) {
  return Error::make(
      ErrorCode::DEPENDENCY_UNAVAILABLE,
      fmt::format("The documentation page is not installed on this server: Swagger UI's {} "
                  "could not be read. Install it with scripts/bootstrap and make build, or point "
                  "HUB_DOCS_DIR at a folder holding the files (docs/api.md). The API's "
                  "description itself is at openapi.json.",
                  fmt::join(assets.missing, ", ")));
}

std::string page_html(const DocsAssets& assets, const DocsFile& init_script) {
  const auto version_of = [&assets](std::string_view name) -> std::string {
    const auto* file = assets.find(name);
    return file == nullptr ? std::string{} : file->version;
  };
  return fmt::format(fmt::runtime(kPageTemplate), version_of("swagger-ui.css"),
                     version_of("favicon-32x32.png"), version_of("swagger-ui-bundle.js"),
                     init_script.version);
}

// The Swagger UI files and the page linking them, made on first use.
class DocsSite {
 public:
  DocsSite(DocsLoader load, std::shared_ptr<const DocsFile> init_script)
      : load_(std::move(load)), init_script_(std::move(init_script)) {}

  [[nodiscard]] const DocsAssets& assets() const {
    ensure_loaded();
    return assets_;
  }
  [[nodiscard]] const DocsFile& page() const {
    ensure_loaded();
    return page_;
  }

 private:
  void ensure_loaded() const {
    std::call_once(loaded_, [this] {
      assets_ = load_();
      page_ = docs_file("docs", std::string(docs_content_type(".html")), page_html(assets_, *init_script_));
    });
  }

  DocsLoader load_;
  std::shared_ptr<const DocsFile> init_script_;
  mutable std::once_flag loaded_;
  mutable DocsAssets assets_;
  mutable DocsFile page_;
};

}  // namespace

void register_docs_routes(Api& api, DocsLoader load) {
  auto init_script = std::make_shared<const DocsFile>(
      docs_file(std::string(kInitScriptName), std::string(docs_content_type(kInitScriptName)),
                std::string(kInitScript)));
  auto site = std::make_shared<const DocsSite>(std::move(load), init_script);

  api.get<std::string>("/docs", "This API's documentation page (Swagger UI over /openapi.json)", "health",
                       Access::public_route(),
                       [site](const http::Request& request) -> Result<http::Response> {
                         if (request.path.ends_with('/')) {
                           // The page's links are relative to /docs; from /docs/ they would miss.
                           auto redirect = http::Response::empty(308);
                           redirect.headers.set("Location", "../docs");
                           return redirect;
                         }
                         if (!site->assets().complete()) return not_installed(site->assets());
                         auto response = docs_file_response(request, site->page(), DocsCaching::revalidate);
                         response.headers.set("Content-Security-Policy", kDocsContentSecurityPolicy);
                         return response;
                       },
                       {.errors = {503}, .etag = true, .media_type = "text/html"});

  auto& router = api.router();
  router.add("GET", fmt::format("/docs/{}", kInitScriptName),
             [init_script](const http::Request& request) -> Result<http::Response> {
               return docs_file_response(request, *init_script, DocsCaching::immutable);
             });
  for (const auto name : docs_vendor_file_names()) {
    router.add("GET", fmt::format("/docs/{}", name),
               [site, name](const http::Request& request) -> Result<http::Response> {
                 const auto* file = site->assets().find(name);
                 if (file == nullptr) return not_installed(site->assets());
                 return docs_file_response(request, *file, DocsCaching::immutable);
               });
  }
}

}  // namespace hub::handlers::health
