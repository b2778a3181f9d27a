// GET /docs and its files: what is served, how it is cached and compressed, and the 503 when
// Swagger UI is not installed.
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include "handlers/health/docs_routes.hpp"
#include "handlers/health/health_routes.hpp"

namespace hub::handlers::health {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// A folder of its own under the system's temporary one, removed at the end.
class TempDir {
 public:
  TempDir()
      : path_(std::filesystem::temp_directory_path() / fmt::format("hub-docs-{}", std::random_device{}())) {
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  void write(const std::string& name, const std::string& bytes) const {
    std::ofstream(path_ / name, std::ios::binary) << bytes;
  }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The Swagger UI files, with made-up bytes; the stylesheet and script with a ".gz" beside them.
void write_swagger_ui(const TempDir& dir) {
  dir.write("swagger-ui.css", ".swagger-ui{}");
  dir.write("swagger-ui.css.gz", "GZ-CSS");
  dir.write("swagger-ui-bundle.js", "var SwaggerUIBundle = 1;");
  dir.write("swagger-ui-bundle.js.gz", "GZ-JS");
  dir.write("favicon-32x32.png", std::string("\x89PNG\r\n\x1a\n", 8));
}

struct DocsRoutes : ::testing::Test {
  TempDir dir;
  http::Router router;
  Api api{router};

  void serve(const DocsAssets& assets) {
    register_docs_routes(api, [assets] { return assets; });
    register_openapi_route(api);
  }
  [[nodiscard]] http::Response get(
      const std::string& path, const std::vector<std::pair<std::string, std::string>>& headers = {}) const {
    http::Request r;
    r.method = "GET";
    r.path = path;
    r.request_id = "rid-docs";
    for (const auto& [name, value] : headers) r.headers.set(name, value);
    return router.dispatch(r);
  }
};

TEST_F(DocsRoutes, LoadsEveryFileWithItsGzipAndVersion) {
  write_swagger_ui(dir);
  const auto assets = load_docs_assets(dir.path());
  ASSERT_TRUE(assets.complete());
  ASSERT_EQ(assets.files.size(), docs_vendor_file_names().size());
  const auto* css = assets.find("swagger-ui.css");
  ASSERT_NE(css, nullptr);
  EXPECT_EQ(css->body, ".swagger-ui{}");
  EXPECT_EQ(css->gzip_body, "GZ-CSS");
  EXPECT_EQ(css->content_type, "text/css; charset=utf-8");
  EXPECT_EQ(css->version, docs_digest(".swagger-ui{}"));
  EXPECT_EQ(css->version.size(), 16U);
  EXPECT_EQ(assets.find("favicon-32x32.png")->gzip_body, "");
  EXPECT_EQ(assets.find("favicon-32x32.png")->content_type, "image/png");
  EXPECT_EQ(assets.find("swagger-ui-bundle.js")->content_type, "text/javascript; charset=utf-8");
}

TEST_F(DocsRoutes, AFolderWithoutSwaggerUiNamesWhatIsMissing) {
  dir.write("swagger-ui.css", ".x{}");
  const auto assets = load_docs_assets(dir.path());
  EXPECT_FALSE(assets.complete());
  EXPECT_EQ(assets.missing, (std::vector<std::string>{"swagger-ui-bundle.js", "favicon-32x32.png"}));
  EXPECT_FALSE(load_docs_assets(dir.path() / "absent").complete());
}

TEST(DocsDigest, DiffersWithTheBytesAndIsStable) {
  EXPECT_EQ(docs_digest(""), "cbf29ce484222325");  // FNV-1a's offset basis
  EXPECT_EQ(docs_digest("a"), "af63dc4c8601ec8c");
  EXPECT_NE(docs_digest("ab"), docs_digest("ba"));
}

TEST_F(DocsRoutes, ThePageLinksOnlyItsOwnVersionedFilesUnderAStrictPolicy) {
  write_swagger_ui(dir);
  const auto assets = load_docs_assets(dir.path());
  serve(assets);
  const auto res = get("/docs");
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.headers.get("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(res.headers.get("Content-Security-Policy"), kDocsContentSecurityPolicy);
  EXPECT_EQ(res.headers.get("Cache-Control"), "no-cache");
  EXPECT_TRUE(res.headers.contains("ETag"));
  EXPECT_THAT(res.body, HasSubstr(fmt::format(R"(href="docs/swagger-ui.css?v={}")",
                                              assets.find("swagger-ui.css")->version)));
  EXPECT_THAT(res.body, HasSubstr(fmt::format(R"(src="docs/swagger-ui-bundle.js?v={}")",
                                              assets.find("swagger-ui-bundle.js")->version)));
  EXPECT_THAT(res.body, HasSubstr(R"(src="docs/init.js?v=)"));
  EXPECT_THAT(res.body, Not(HasSubstr("http")));
  EXPECT_THAT(res.body, Not(HasSubstr("<script>"))) << "no inline script";
  EXPECT_THAT(res.body, Not(HasSubstr("style=")));
}

TEST_F(DocsRoutes, SwaggerUiIsReadOnTheFirstDocsRequestOnly) {
  write_swagger_ui(dir);
  int loads = 0;
  register_docs_routes(api, [&] {
    ++loads;
    return load_docs_assets(dir.path());
  });
  EXPECT_EQ(loads, 0) << "a cold start that serves no /docs request reads nothing";
  EXPECT_EQ(get("/docs/swagger-ui.css").status, 200);
  EXPECT_EQ(get("/docs").status, 200);
  EXPECT_EQ(get("/docs/swagger-ui-bundle.js").status, 200);
  EXPECT_EQ(loads, 1);
}

TEST_F(DocsRoutes, ThePageIsRevalidatedWithItsETag) {
  write_swagger_ui(dir);
  serve(load_docs_assets(dir.path()));
  const auto etag = std::string(*get("/docs").headers.get("ETag"));
  const auto again = get("/docs", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.body, "");
  EXPECT_EQ(again.headers.get("ETag"), etag);
  EXPECT_EQ(get("/docs", {{"If-None-Match", fmt::format("\"other\", W/{}", etag)}}).status, 304);
  EXPECT_EQ(get("/docs", {{"If-None-Match", "\"other\""}}).status, 200);
}

TEST_F(DocsRoutes, FilesAreCachedForGoodAndGzippedForClientsThatAcceptIt) {
  write_swagger_ui(dir);
  const auto assets = load_docs_assets(dir.path());
  serve(assets);
  const auto version = assets.find("swagger-ui-bundle.js")->version;

  const auto plain = get("/docs/swagger-ui-bundle.js");
  ASSERT_EQ(plain.status, 200);
  EXPECT_EQ(plain.body, "var SwaggerUIBundle = 1;");
  EXPECT_EQ(plain.headers.get("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(plain.headers.get("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(plain.headers.get("Vary"), "Accept-Encoding");
  EXPECT_EQ(plain.headers.get("ETag"), fmt::format("\"{}\"", version));
  EXPECT_FALSE(plain.headers.contains("Content-Encoding"));

  const auto gzipped = get("/docs/swagger-ui-bundle.js", {{"Accept-Encoding", "br, GZIP;q=0.8"}});
  EXPECT_EQ(gzipped.body, "GZ-JS");
  EXPECT_EQ(gzipped.headers.get("Content-Encoding"), "gzip");
  EXPECT_EQ(gzipped.headers.get("ETag"), fmt::format("\"{}-gzip\"", version));

  EXPECT_EQ(get("/docs/swagger-ui-bundle.js", {{"Accept-Encoding", "gzip;q=0"}}).body,
            "var SwaggerUIBundle = 1;");
  EXPECT_EQ(get("/docs/swagger-ui-bundle.js", {{"Accept-Encoding", "deflate"}}).body,
            "var SwaggerUIBundle = 1;");
  EXPECT_EQ(get("/docs/swagger-ui-bundle.js", {{"If-None-Match", fmt::format("\"{}\"", version)}}).status,
            304);

  const auto icon = get("/docs/favicon-32x32.png", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(icon.headers.get("Content-Type"), "image/png");
  EXPECT_FALSE(icon.headers.contains("Content-Encoding")) << "no gzip staged for it";
  EXPECT_FALSE(icon.headers.contains("Vary"));

  const auto init = get("/docs/init.js");
  EXPECT_EQ(init.status, 200);
  EXPECT_EQ(init.headers.get("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_THAT(init.body, HasSubstr("SwaggerUIBundle("));
  EXPECT_THAT(init.body, HasSubstr(R"("openapi.json")"));
  EXPECT_THAT(init.body, HasSubstr("validatorUrl: null")) << "no call to a public validator";
}

TEST_F(DocsRoutes, WithoutSwaggerUiThePageAnswers503SayingHowToInstallIt) {
  serve(load_docs_assets(dir.path()));
  for (const auto* path : {"/docs", "/docs/swagger-ui.css"}) {
    const auto res = get(path);
    EXPECT_EQ(res.status, 503) << path;
    EXPECT_EQ(res.headers.get("Content-Type"), "application/problem+json");
    EXPECT_THAT(res.body, HasSubstr("DEPENDENCY_UNAVAILABLE"));
    EXPECT_THAT(res.body, HasSubstr("scripts/bootstrap"));
    EXPECT_THAT(res.body, HasSubstr("HUB_DOCS_DIR"));
    EXPECT_THAT(res.body, Not(HasSubstr(dir.path().string()))) << "the server's folders stay private";
  }
  EXPECT_EQ(get("/docs/init.js").status, 200);
}

TEST_F(DocsRoutes, TheTrailingSlashRedirectsToThePage) {
  write_swagger_ui(dir);
  serve(load_docs_assets(dir.path()));
  const auto res = get("/docs/");
  EXPECT_EQ(res.status, 308);
  EXPECT_EQ(res.headers.get("Location"), "../docs");
}

TEST_F(DocsRoutes, TheDescriptionListsThePageAsHtmlAndNotItsFiles) {
  serve(load_docs_assets(dir.path()));
  const auto doc = boost::json::parse(get("/openapi.json").body);
  const auto& paths = doc.at("paths").as_object();
  ASSERT_TRUE(paths.contains("/docs"));
  const auto& page = paths.at("/docs").at("get").as_object();
  EXPECT_TRUE(page.at("responses").at("200").at("content").as_object().contains("text/html"));
  EXPECT_TRUE(page.at("responses").as_object().contains("503"));
  EXPECT_EQ(page.at("security"), json::array{});
  for (const auto& entry : paths) EXPECT_FALSE(entry.key().starts_with("/docs/")) << entry.key();
  EXPECT_EQ(router.routes().size(), 2U + 1U + docs_vendor_file_names().size());
}

}  // namespace
}  // namespace hub::handlers::health
