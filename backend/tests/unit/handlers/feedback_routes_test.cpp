// The feedback routes through a real pipeline: authentication (fake tokens), the body policy and
// the router, over in-memory repositories.
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include "handlers/api.hpp"
#include "handlers/feedback/feedback_routes.hpp"
#include "middleware/authentication.hpp"
#include "middleware/body_policy.hpp"
#include "models/codec.hpp"
#include "support/capture_log.hpp"
#include "support/fake_auth.hpp"
#include "support/fake_feedback.hpp"

namespace hub::handlers::feedback {
namespace {

using hub::testing::LogCapture;

constexpr std::string_view kSubmission =
    R"({"category":"bug","message":"The map stays blank on 3G.","rating":3,"page":"/resources/maps"})";

struct FeedbackRoutes : ::testing::Test {
  testing::FakeAuth auth;
  testing::FakeFeedbackRepository repository;
  testing::FakeActivityRepository activity;
  services::ActivityRecorder recorder{activity};
  std::shared_ptr<http::Router> router = std::make_shared<http::Router>();
  Api api{*router};
  std::unique_ptr<http::Pipeline> pipeline;

  void SetUp() override {
    register_feedback_routes(api, std::make_shared<const services::FeedbackService>(repository, recorder));
    pipeline = std::make_unique<http::Pipeline>(
        std::vector<std::shared_ptr<const http::Middleware>>{
            std::make_shared<middleware::AuthenticationMiddleware>(auth.authenticator, router),
            std::make_shared<middleware::BodyPolicyMiddleware>(64 * 1024)},
        router);
  }

  [[nodiscard]] http::Response send(
      std::string method, const std::string& target, const std::string& user, std::string_view body = {},
      const std::vector<std::pair<std::string, std::string>>& headers = {}) const {
    http::Request r;
    r.method = std::move(method);
    const auto question = target.find('?');
    r.path = target.substr(0, question);
    if (question != std::string::npos) r.query_string = target.substr(question + 1);
    r.request_id = "rid-f";
    if (!user.empty()) r.headers.set("Authorization", "Bearer good-" + user);
    if (!body.empty()) {
      r.body = std::string(body);
      r.headers.set("Content-Type", "application/json");
    }
    for (const auto& [name, value] : headers) r.headers.set(name, value);
    return pipeline->handle(r);
  }

  // Feedback of member-1 stored through the route; its id.
  [[nodiscard]] std::string submit(std::string_view body = kSubmission) const {
    const auto res = send("POST", "/feedback", "member-1", body);
    EXPECT_EQ(res.status, 201) << res.body;
    return std::string(boost::json::parse(res.body).at("id").as_string());
  }
};

json::object problem_of(const http::Response& res) { return boost::json::parse(res.body).as_object(); }

std::vector<std::string> pointers_of(const http::Response& res) {
  std::vector<std::string> out;
  const auto problem = problem_of(res);
  for (const auto& e : problem.at("errors").as_array()) {
    out.emplace_back(e.at("pointer").as_string());
  }
  return out;
}

std::string code_of(const http::Response& res) { return std::string(problem_of(res).at("code").as_string()); }

// ---- POST /feedback ------------------------------------------------------------------------

TEST_F(FeedbackRoutes, AMemberSendsFeedbackAndGets201WithLocationAndETag) {
  const auto res = send("POST", "/feedback", "member-1", kSubmission);

  ASSERT_EQ(res.status, 201) << res.body;
  const auto feedback = models::from_json<models::Feedback>(boost::json::parse(res.body));
  ASSERT_TRUE(feedback.ok()) << res.body;
  EXPECT_EQ(feedback->user_id, "member-1");
  EXPECT_EQ(feedback->category, "bug");
  EXPECT_EQ(feedback->rating, 3);
  EXPECT_EQ(feedback->page, "/resources/maps");
  EXPECT_EQ(feedback->status, "new");
  EXPECT_EQ(feedback->version, 1);
  EXPECT_EQ(res.headers.get("Location"), "/feedback/" + feedback->id);
  EXPECT_EQ(res.headers.get("ETag"), "\"1\"");
  ASSERT_EQ(activity.entries.size(), 1U);
  EXPECT_EQ(activity.entries.front().action, "feedback.submitted");
  EXPECT_EQ(activity.entries.front().request_id, "rid-f");
}

TEST_F(FeedbackRoutes, OnlyCategoryAndMessageAreRequired) {
  const auto res = send("POST", "/feedback", "member-1", R"({"category":"praise","message":"Merci !"})");
  ASSERT_EQ(res.status, 201) << res.body;
  const auto body = boost::json::parse(res.body).as_object();
  EXPECT_FALSE(body.contains("rating"));
  EXPECT_FALSE(body.contains("page"));
}

TEST_F(FeedbackRoutes, FieldsTheServerSetsAreRefusedEachByItsPointer) {
  const auto res = send("POST", "/feedback", "member-1",
                        R"({"category":"bug","message":"x","user_id":"someone-else","status":"resolved",)"
                        R"("id":"01M482KKWGYPNTBY15VX1P9531","version":7,"admin_note":"mine"})");
  ASSERT_EQ(res.status, 400) << res.body;
  EXPECT_EQ(code_of(res), "VALIDATION_FAILED");
  const auto pointers = pointers_of(res);
  EXPECT_EQ(std::set<std::string>(pointers.begin(), pointers.end()),
            (std::set<std::string>{"/user_id", "/status", "/id", "/version", "/admin_note"}));
  EXPECT_EQ(repository.size(), 0U);
}

TEST_F(FeedbackRoutes, EveryBadFieldIsReportedAtOnce) {
  const std::string long_page = "/" + std::string(2048, 'p');
  const auto res = send("POST", "/feedback", "member-1",
                        R"({"category":"rant","message":"","rating":0,"page":")" + long_page + R"("})");
  ASSERT_EQ(res.status, 400) << res.body;
  EXPECT_EQ(pointers_of(res), (std::vector<std::string>{"/category", "/message", "/rating", "/page"}));
}

TEST_F(FeedbackRoutes, LengthsAreCountedInCharacters) {
  std::string message;
  for (int i = 0; i < 5000; ++i) message += "é";  // 10,000 bytes, 5,000 characters
  const auto ok =
      send("POST", "/feedback", "member-1", R"({"category":"idea","message":")" + message + R"("})");
  EXPECT_EQ(ok.status, 201) << ok.body;
  const auto refused =
      send("POST", "/feedback", "member-1", R"({"category":"idea","message":")" + message + R"(é"})");
  ASSERT_EQ(refused.status, 400);
  EXPECT_EQ(pointers_of(refused), (std::vector<std::string>{"/message"}));
}

TEST_F(FeedbackRoutes, RatingMustBeAWholeNumberFromOneToFive) {
  // null is not "no rating": the schema's rating is an integer; leaving it out is.
  for (const auto* rating : {"0", "6", "2.5", "\"3\"", "-1", "null"}) {
    const auto res = send("POST", "/feedback", "member-1",
                          std::string(R"({"category":"idea","message":"m","rating":)") + rating + "}");
    EXPECT_EQ(res.status, 400) << rating;
    EXPECT_EQ(pointers_of(res), (std::vector<std::string>{"/rating"})) << rating;
  }
  for (const auto* rating : {"1", "5", "4.0"}) {  // 4.0 is the integer 4, as in JSON Schema
    const auto res = send("POST", "/feedback", "member-1",
                          std::string(R"({"category":"idea","message":"m","rating":)") + rating + "}");
    EXPECT_EQ(res.status, 201) << rating << res.body;
  }
}

TEST_F(FeedbackRoutes, PageMustBeAPathWithinTheApp) {
  for (const auto* page :
       {"/", "/resources/new", "/users?role=admin#top", "/ressources/donn%C3%A9es", "/café"}) {
    const auto res = send("POST", "/feedback", "member-1",
                          std::string(R"({"category":"idea","message":"m","page":")") + page + "\"}");
    EXPECT_EQ(res.status, 201) << page << res.body;
  }
  for (const auto* page : {"", "resources", "https://hub.igad.example/x", "//evil.example/x", "/a b",
                           "/\\\\evil.example", "javascript:alert(1)", "/a\\tb"}) {
    const auto res = send("POST", "/feedback", "member-1",
                          std::string(R"({"category":"idea","message":"m","page":")") + page + "\"}");
    EXPECT_EQ(res.status, 400) << page;
    EXPECT_EQ(pointers_of(res), (std::vector<std::string>{"/page"})) << page;
  }
}

TEST_F(FeedbackRoutes, ABodyThatIsMissingOrNotAnObjectIsRefused) {
  const auto missing = send("POST", "/feedback", "member-1");
  ASSERT_EQ(missing.status, 400);
  EXPECT_EQ(code_of(missing), "VALIDATION_FAILED");
  EXPECT_EQ(pointers_of(missing), (std::vector<std::string>{""}));
  const auto array = send("POST", "/feedback", "member-1", "[]");
  ASSERT_EQ(array.status, 400);
  EXPECT_EQ(pointers_of(array), (std::vector<std::string>{""}));
}

TEST_F(FeedbackRoutes, WithoutATokenEveryRouteIs401AndNothingIsStored) {
  LogCapture quiet;
  const auto id = core::new_ulid();
  EXPECT_EQ(send("POST", "/feedback", "", kSubmission).status, 401);
  EXPECT_EQ(send("GET", "/feedback", "").status, 401);
  EXPECT_EQ(send("GET", "/feedback/" + id, "").status, 401);
  EXPECT_EQ(send("PATCH", "/feedback/" + id, "", R"({"status":"resolved"})").status, 401);
  EXPECT_EQ(repository.size(), 0U);
}

TEST_F(FeedbackRoutes, MembersCannotReadOrManageAndEditorsReadButCannotManage) {
  LogCapture quiet;
  const auto id = submit();
  for (const auto* user : {"member-1", "member-2"}) {
    EXPECT_EQ(send("GET", "/feedback", user).status, 403) << user;
    EXPECT_EQ(send("GET", "/feedback/" + id, user).status, 403) << user;
    EXPECT_EQ(send("PATCH", "/feedback/" + id, user, R"({"status":"resolved"})").status, 403) << user;
  }
  EXPECT_EQ(send("GET", "/feedback", "editor").status, 200);
  EXPECT_EQ(send("GET", "/feedback/" + id, "editor").status, 200);
  EXPECT_EQ(send("PATCH", "/feedback/" + id, "editor", R"({"status":"resolved"})").status, 403);
  EXPECT_EQ(repository.at(id).status, "new");
}

// ---- GET /feedback -------------------------------------------------------------------------

TEST_F(FeedbackRoutes, AdminsPageThroughEverythingNewestFirst) {
  std::vector<std::string> ids(5);
  for (auto& id : ids) id = submit();
  std::vector<std::string> seen;
  std::string cursor;
  int pages = 0;
  for (;;) {
    const auto res = send("GET", "/feedback?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor), "admin");
    ASSERT_EQ(res.status, 200) << res.body;
    const auto page = models::from_json<models::FeedbackPage>(boost::json::parse(res.body));
    ASSERT_TRUE(page.ok()) << res.body;
    ++pages;
    for (const auto& f : page->items) seen.push_back(f.id);
    if (!page->next_cursor) break;
    cursor = *page->next_cursor;
  }
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen, (std::vector<std::string>(ids.rbegin(), ids.rend())));
}

TEST_F(FeedbackRoutes, FiltersByCategoryAndStatus) {
  const auto bug = submit();
  const auto idea = submit(R"({"category":"idea","message":"More languages"})");
  ASSERT_EQ(send("PATCH", "/feedback/" + idea, "admin", R"({"status":"in_review"})").status, 200);

  const auto ids_of = [this](const std::string& query) {
    const auto res = send("GET", "/feedback" + query, "admin");
    EXPECT_EQ(res.status, 200) << res.body;
    std::vector<std::string> out;
    const auto body = boost::json::parse(res.body);
    for (const auto& f : body.at("items").as_array()) {
      out.emplace_back(f.at("id").as_string());
    }
    return out;
  };
  EXPECT_EQ(ids_of("?category=bug"), (std::vector<std::string>{bug}));
  EXPECT_EQ(ids_of("?status=in_review"), (std::vector<std::string>{idea}));
  EXPECT_EQ(ids_of("?status=in_review&category=idea"), (std::vector<std::string>{idea}));
  EXPECT_TRUE(ids_of("?status=in_review&category=bug").empty());
  EXPECT_EQ(ids_of(""), (std::vector<std::string>{idea, bug}));
}

TEST_F(FeedbackRoutes, BadQueryParametersAreEachNamed) {
  const auto res = send("GET", "/feedback?limit=0&category=rant&status=closed", "admin");
  ASSERT_EQ(res.status, 400) << res.body;
  EXPECT_EQ(code_of(res), "INVALID_PARAMETER");
  EXPECT_EQ(pointers_of(res), (std::vector<std::string>{"/query/limit", "/query/category", "/query/status"}));
  for (const auto* limit : {"101", "-1", "abc", "1.5", "", "99999999999"}) {
    const auto refused = send("GET", std::string("/feedback?limit=") + limit, "admin");
    EXPECT_EQ(refused.status, 400) << limit;
    EXPECT_EQ(pointers_of(refused), (std::vector<std::string>{"/query/limit"})) << limit;
  }
  EXPECT_EQ(send("GET", "/feedback?limit=1", "admin").status, 200);
  EXPECT_EQ(send("GET", "/feedback?limit=100", "admin").status, 200);
}

TEST_F(FeedbackRoutes, AForeignCursorIsInvalidCursor) {
  const auto res = send("GET", "/feedback?cursor=not-a-cursor", "admin");
  ASSERT_EQ(res.status, 400) << res.body;
  EXPECT_EQ(code_of(res), "INVALID_CURSOR");
}

// ---- GET /feedback/{id} --------------------------------------------------------------------

TEST_F(FeedbackRoutes, AnAdminReadsOneFeedbackWithItsETag) {
  const auto id = submit();
  const auto res = send("GET", "/feedback/" + id, "admin");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.headers.get("ETag"), "\"1\"");
  EXPECT_EQ(boost::json::parse(res.body).at("id").as_string(), id);
}

TEST_F(FeedbackRoutes, UnknownFeedbackIs404) {
  for (const auto& id : {core::new_ulid(), std::string("nope")}) {
    const auto res = send("GET", "/feedback/" + id, "admin");
    ASSERT_EQ(res.status, 404) << id;
    EXPECT_EQ(code_of(res), "FEEDBACK_NOT_FOUND");
    const auto patched = send("PATCH", "/feedback/" + id, "admin", R"({"status":"resolved"})");
    ASSERT_EQ(patched.status, 404) << id;
    EXPECT_EQ(code_of(patched), "FEEDBACK_NOT_FOUND");
  }
}

// ---- PATCH /feedback/{id} ------------------------------------------------------------------

TEST_F(FeedbackRoutes, AnAdminChangesTheStatusWithIfMatchAndGetsTheNewETag) {
  const auto id = submit();
  const auto res = send("PATCH", "/feedback/" + id, "admin",
                        R"({"status":"resolved","admin_note":"Fixed in 1.4"})", {{"If-Match", "\"1\""}});
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.headers.get("ETag"), "\"2\"");
  const auto body = boost::json::parse(res.body).as_object();
  EXPECT_EQ(body.at("status").as_string(), "resolved");
  EXPECT_EQ(body.at("admin_note").as_string(), "Fixed in 1.4");
  EXPECT_EQ(body.at("version").as_int64(), 2);
  ASSERT_EQ(activity.entries.size(), 2U);
  EXPECT_EQ(activity.entries.back().user_id, "admin");
  EXPECT_EQ(activity.entries.back().action, "feedback.status_changed");
  EXPECT_EQ(activity.entries.back().target, id);
}

TEST_F(FeedbackRoutes, AStaleOrWeakIfMatchIs412AndChangesNothing) {
  const auto id = submit();
  ASSERT_EQ(
      send("PATCH", "/feedback/" + id, "admin", R"({"status":"in_review"})", {{"If-Match", "\"1\""}}).status,
      200);
  for (const auto* if_match : {"\"1\"", "W/\"2\"", "2", R"("3", "4")"}) {
    const auto res =
        send("PATCH", "/feedback/" + id, "admin", R"({"status":"resolved"})", {{"If-Match", if_match}});
    ASSERT_EQ(res.status, 412) << if_match;
    EXPECT_EQ(code_of(res), "PRECONDITION_FAILED");
  }
  EXPECT_EQ(repository.at(id).status, "in_review");
  EXPECT_EQ(repository.at(id).version, 2);
}

TEST_F(FeedbackRoutes, AStarAListOrNoIfMatchAtAllIsAccepted) {
  const auto id = submit();
  EXPECT_EQ(
      send("PATCH", "/feedback/" + id, "admin", R"({"status":"in_review"})", {{"If-Match", "*"}}).status,
      200);
  EXPECT_EQ(
      send("PATCH", "/feedback/" + id, "admin", R"({"status":"resolved"})", {{"If-Match", "\"9\", \"2\""}})
          .status,
      200);
  EXPECT_EQ(send("PATCH", "/feedback/" + id, "admin", R"({"status":"dismissed"})").status, 200);
  EXPECT_EQ(repository.at(id).version, 4);
}

TEST_F(FeedbackRoutes, ALostRaceIs409WithTheCurrentVersion) {
  const auto id = submit();
  repository.before_update = [this](const models::Feedback& attempt) {
    repository.before_update = nullptr;
    auto rival = repository.at(attempt.id);
    rival.status = "dismissed";
    rival.version = 2;
    repository.put(rival);
  };
  const auto res =
      send("PATCH", "/feedback/" + id, "admin", R"({"status":"resolved"})", {{"If-Match", "\"1\""}});
  ASSERT_EQ(res.status, 409) << res.body;
  EXPECT_EQ(code_of(res), "VERSION_CONFLICT");
  EXPECT_EQ(problem_of(res).at("current_version").as_int64(), 2);
}

TEST_F(FeedbackRoutes, AStatusChangeBodyIsValidatedLikeAnyOther) {
  const auto id = submit();
  const auto res =
      send("PATCH", "/feedback/" + id, "admin",
           R"({"status":"closed","admin_note":")" + std::string(2001, 'n') + R"(","message":"edited"})");
  ASSERT_EQ(res.status, 400) << res.body;
  EXPECT_EQ(code_of(res), "VALIDATION_FAILED");
  EXPECT_EQ(pointers_of(res), (std::vector<std::string>{"/message", "/status", "/admin_note"}));
  const auto missing = send("PATCH", "/feedback/" + id, "admin", R"({"admin_note":"only a note"})");
  ASSERT_EQ(missing.status, 400);
  EXPECT_EQ(pointers_of(missing), (std::vector<std::string>{"/status"}));
  EXPECT_EQ(repository.at(id).version, 1);
}

// ---- the contract --------------------------------------------------------------------------

TEST_F(FeedbackRoutes, TheContractDeclaresPermissionsParametersETagsAndErrors) {
  const auto doc = openapi_document(api.operations());
  const auto& paths = doc.at("paths").as_object();

  const auto& post = paths.at("/feedback").at("post").as_object();
  EXPECT_EQ(post.at("x-required-permission").as_string(), "feedback:create");
  EXPECT_TRUE(post.at("responses").as_object().contains("201"));
  EXPECT_TRUE(post.at("responses").at("201").at("headers").as_object().contains("ETag"));
  EXPECT_EQ(post.at("requestBody").at("content").at("application/json").at("schema"),
            (json::object{{"$ref", "#/components/schemas/FeedbackSubmission"}}));

  const auto& list = paths.at("/feedback").at("get").as_object();
  EXPECT_EQ(list.at("x-required-permission").as_string(), "feedback:read");
  std::vector<std::string> names;
  for (const auto& p : list.at("parameters").as_array()) names.emplace_back(p.at("name").as_string());
  EXPECT_EQ(names, (std::vector<std::string>{"limit", "cursor", "category", "status"}));
  const auto& limit = list.at("parameters").at(0).at("schema").as_object();
  EXPECT_EQ(limit.at("maximum").to_number<std::int64_t>(), 100);
  EXPECT_EQ(list.at("parameters").at(3).at("schema").at("enum"),
            (json::array{"new", "in_review", "resolved", "dismissed"}));

  const auto& one = paths.at("/feedback/{id}").at("get").as_object();
  EXPECT_TRUE(one.at("responses").as_object().contains("404"));
  EXPECT_TRUE(one.at("responses").at("200").at("headers").as_object().contains("ETag"));

  const auto& patch = paths.at("/feedback/{id}").at("patch").as_object();
  EXPECT_EQ(patch.at("x-required-permission").as_string(), "feedback:manage");
  for (const auto* status : {"404", "409", "412"}) {
    EXPECT_TRUE(patch.at("responses").as_object().contains(status)) << status;
  }
  bool if_match = false;
  for (const auto& p : patch.at("parameters").as_array()) if_match = if_match || p.at("name") == "If-Match";
  EXPECT_TRUE(if_match);

  const auto& submission = doc.at("components").at("schemas").at("FeedbackSubmission").as_object();
  EXPECT_EQ(submission.at("required"), (json::array{"category", "message"}));
  EXPECT_EQ(submission.at("properties").at("message").at("maxLength").to_number<std::int64_t>(), 5000);
  EXPECT_TRUE(submission.at("properties").at("page").as_object().contains("pattern"));
}

TEST_F(FeedbackRoutes, SendingFeedbackCountsInItsOwnRateClass) {
  for (const auto& route : router->routes()) {
    if (route.method == "POST" && route.path_template == "/feedback") {
      EXPECT_EQ(route.rate_class, "feedback");
    } else {
      EXPECT_NE(route.rate_class, "feedback") << route.method << " " << route.path_template;
    }
  }
}

}  // namespace
}  // namespace hub::handlers::feedback
