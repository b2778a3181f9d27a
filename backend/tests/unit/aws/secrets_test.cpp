#include "aws/secrets.hpp"

#include <chrono>
#include <deque>

#include <gtest/gtest.h>

namespace hub::aws {
namespace {

using namespace std::chrono_literals;

class CountingTransport final : public HttpTransport {
 public:
  std::deque<HttpResponse> answers;
  int calls = 0;
  std::string last_body;
  AwsResult<HttpResponse> send(const HttpRequest& request, const SendOptions&) override {
    ++calls;
    last_body = request.body;
    if (answers.empty()) return AwsError::make(AwsErrc::connection_failed, "no answer scripted");
    auto next = answers.front();
    answers.pop_front();
    return next;
  }
};

ClientSettings settings() {
  ClientSettings s;
  s.endpoint = "http://127.0.0.1:1";
  s.region = "us-east-1";
  s.credentials = {"AKID", "secret", ""};
  return s;
}

TEST(SecretReference, ParsesBothStoresAndAJsonKey) {
  EXPECT_EQ(parse_secret_reference("secretsmanager:hub/pagination"),
            (SecretReference{SecretReference::Store::secrets_manager, "hub/pagination", ""}));
  EXPECT_EQ(
      parse_secret_reference("secretsmanager:arn:aws:secretsmanager:eu-west-1:1:secret:hub-AbC#signing_key"),
      (SecretReference{SecretReference::Store::secrets_manager,
                       "arn:aws:secretsmanager:eu-west-1:1:secret:hub-AbC", "signing_key"}));
  EXPECT_EQ(parse_secret_reference("ssm:/hub/prod/key"),
            (SecretReference{SecretReference::Store::ssm, "/hub/prod/key", ""}));
}

TEST(SecretReference, AnythingElseIsALiteral) {
  EXPECT_FALSE(parse_secret_reference("a-literal-key-0123456789"));
  EXPECT_FALSE(parse_secret_reference("ssm:"));
  EXPECT_FALSE(parse_secret_reference("secretsmanager:"));
  EXPECT_FALSE(parse_secret_reference("SSM:/x")) << "prefixes are exact";
}

class SecretResolverTest : public ::testing::Test {
 protected:
  CountingTransport transport;
  RetryQuota quota;
  RetryEnvironment no_wait{[] { return 0.0; }, [](auto) {}};
  SecretsManagerClient secrets{
      JsonServiceClient{secrets_manager_spec(), settings(), transport, quota, no_wait}};
  SsmClient ssm{JsonServiceClient{ssm_spec(), settings(), transport, quota, no_wait}};
  std::chrono::steady_clock::time_point now{};
  SecretResolver resolver{secrets, ssm, 300s, [this] { return now; }};
};

TEST_F(SecretResolverTest, CachesForTheTtlThenFetchesAgain) {
  transport.answers.push_back({200, {}, R"({"Name":"k","SecretString":"first"})"});
  transport.answers.push_back({200, {}, R"({"Name":"k","SecretString":"rotated"})"});
  const auto ref = *parse_secret_reference("secretsmanager:k");
  EXPECT_EQ(resolver.resolve(ref).value(), "first");
  now += 299s;
  EXPECT_EQ(resolver.resolve(ref).value(), "first");
  EXPECT_EQ(transport.calls, 1);
  now += 2s;
  EXPECT_EQ(resolver.resolve(ref).value(), "rotated");
  EXPECT_EQ(transport.calls, 2);
}

TEST_F(SecretResolverTest, PicksAKeyOutOfAJsonSecret) {
  transport.answers.push_back({200, {}, R"({"SecretString":"{\"signing_key\":\"s3cr3t\",\"other\":1}"})"});
  EXPECT_EQ(resolver.resolve(*parse_secret_reference("secretsmanager:bundle#signing_key")).value(), "s3cr3t");
  transport.answers.push_back({200, {}, R"({"SecretString":"{\"other\":1}"})"});
  auto missing = resolver.resolve(*parse_secret_reference("secretsmanager:bundle2#signing_key"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, AwsErrc::resource_not_found);
  EXPECT_EQ(missing.error().message.find("1"), std::string::npos) << "the secret's content is never echoed";
}

TEST_F(SecretResolverTest, ReadsDecryptedSsmParameters) {
  transport.answers.push_back(
      {200, {}, R"({"Parameter":{"Name":"/hub/key","Type":"SecureString","Value":"v"}})"});
  EXPECT_EQ(resolver.resolve(*parse_secret_reference("ssm:/hub/key")).value(), "v");
  EXPECT_NE(transport.last_body.find(R"("WithDecryption":true)"), std::string::npos);
}

TEST_F(SecretResolverTest, FailuresAreNotCached) {
  transport.answers.push_back(
      {400, {}, R"({"__type":"ResourceNotFoundException","message":"no such secret"})"});
  transport.answers.push_back({200, {}, R"({"SecretString":"late"})"});
  const auto ref = *parse_secret_reference("secretsmanager:late");
  auto first = resolver.resolve(ref);
  ASSERT_FALSE(first);
  EXPECT_EQ(first.error().code, AwsErrc::resource_not_found);
  EXPECT_EQ(resolver.resolve(ref).value(), "late");
}

TEST_F(SecretResolverTest, GetParametersReportsTheMissingName) {
  transport.answers.push_back(
      {200, {}, R"({"Parameters":[{"Name":"/a","Value":"1"}],"InvalidParameters":["/b"]})"});
  auto values = ssm.get_parameters({"/a", "/b"});
  ASSERT_FALSE(values);
  EXPECT_EQ(values.error().code, AwsErrc::resource_not_found);
  EXPECT_NE(values.error().message.find("/b"), std::string::npos);
}

TEST_F(SecretResolverTest, GetParametersChunksByTen) {
  std::vector<std::string> names;
  for (int i = 0; i < 23; ++i) names.push_back("/p" + std::to_string(i));
  for (int chunk = 0; chunk < 3; ++chunk) transport.answers.push_back({200, {}, R"({"Parameters":[]})"});
  ASSERT_TRUE(ssm.get_parameters(names));
  EXPECT_EQ(transport.calls, 3);
}

}  // namespace
}  // namespace hub::aws
