// load_aws_environment: which source wins for each setting, the shared-file dialect, and that
// bad values are refused naming the variable (or file) and never repeating a secret.
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "aws/aws_environment.hpp"

namespace hub::aws {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

class AwsEnvironmentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device random;
    home_ = fs::temp_directory_path() / ("hub-aws-env-" + std::to_string(random()));
    fs::create_directories(home_ / ".aws");
    vars_["HOME"] = home_.string();  // so that no real ~/.aws is ever read
  }
  void TearDown() override { fs::remove_all(home_); }

  static void write(const fs::path& path, std::string_view text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
  }
  void credentials_file(std::string_view text) { write(home_ / ".aws" / "credentials", text); }
  void config_file(std::string_view text) { write(home_ / ".aws" / "config", text); }

  // Environment credentials and a region: enough to load.
  void minimal() {
    vars_["AWS_ACCESS_KEY_ID"] = "AKIDENV";
    vars_["AWS_SECRET_ACCESS_KEY"] = std::string(kSecret);
    vars_["AWS_REGION"] = "eu-west-1";
  }

  [[nodiscard]] AwsResult<AwsEnvironment> load() const {
    return load_aws_environment([this](std::string_view name) -> std::optional<std::string> {
      const auto it = vars_.find(std::string(name));
      if (it == vars_.end()) return std::nullopt;
      return it->second;
    });
  }

  // The error of a load that must fail; its message must not repeat the secret.
  [[nodiscard]] AwsError failure() const {
    const auto result = load();
    if (result.ok()) {
      ADD_FAILURE() << "loaded, but should have failed";
      return {};
    }
    EXPECT_EQ(result.error().message.find(kSecret), std::string::npos) << result.error().message;
    return result.error();
  }

  fs::path home_;
  std::map<std::string, std::string> vars_;
};

bool mentions(const AwsError& error, std::string_view text) {
  return error.message.find(text) != std::string::npos;
}

TEST_F(AwsEnvironmentTest, EnvironmentCredentialsWinOverTheSharedFile) {
  minimal();
  vars_["AWS_SESSION_TOKEN"] = "token-env";
  credentials_file("[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = filesecret\n");
  const auto env = load();
  ASSERT_TRUE(env.ok()) << env.error().message;
  EXPECT_EQ(env->credentials.access_key_id, "AKIDENV");
  EXPECT_EQ(env->credentials.secret_access_key, kSecret);
  EXPECT_EQ(env->credentials.session_token, "token-env");
  EXPECT_EQ(env->credentials_source, "environment");
  EXPECT_EQ(env->region, "eu-west-1");
  EXPECT_EQ(env->max_attempts, 3);
}

TEST_F(AwsEnvironmentTest, SharedCredentialsFileServesTheDefaultProfile) {
  vars_["AWS_REGION"] = "eu-west-1";
  credentials_file(
      "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = filesecret\n"
      "aws_session_token = filetoken\n");
  const auto env = load();
  ASSERT_TRUE(env.ok()) << env.error().message;
  EXPECT_EQ(env->credentials.access_key_id, "AKIDFILE");
  EXPECT_EQ(env->credentials.secret_access_key, "filesecret");
  EXPECT_EQ(env->credentials.session_token, "filetoken");
  EXPECT_EQ(env->credentials_source, "shared credentials file (profile default)");
}

TEST_F(AwsEnvironmentTest, AwsProfileSelectsTheSectionInBothFiles) {
  vars_["AWS_PROFILE"] = "dev";
  credentials_file(
      "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s1\n"
      "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = s2\n");
  // In the config file a named profile is "[profile dev]"; a bare "[dev]" is not it.
  config_file(
      "[default]\nregion = eu-west-1\n[dev]\nregion = us-west-2\n[profile dev]\nregion = af-south-1\n");
  const auto env = load();
  ASSERT_TRUE(env.ok()) << env.error().message;
  EXPECT_EQ(env->credentials.access_key_id, "AKIDDEV");
  EXPECT_EQ(env->credentials_source, "shared credentials file (profile dev)");
  EXPECT_EQ(env->region, "af-south-1");
}

TEST_F(AwsEnvironmentTest, FileLocationsComeFromTheirVariablesWithTildeExpanded) {
  fs::create_directories(home_ / "elsewhere");
  write(home_ / "elsewhere" / "creds",
        "[default]\naws_access_key_id = AKIDOTHER\naws_secret_access_key = s\n");
  write(home_ / "elsewhere" / "conf", "[default]\nregion = ap-southeast-2\n");
  credentials_file("[default]\naws_access_key_id = AKIDHOME\naws_secret_access_key = s\n");
  config_file("[default]\nregion = eu-west-1\n");
  vars_["AWS_SHARED_CREDENTIALS_FILE"] = "~/elsewhere/creds";
  vars_["AWS_CONFIG_FILE"] = (home_ / "elsewhere" / "conf").string();
  const auto env = load();
  ASSERT_TRUE(env.ok()) << env.error().message;
  EXPECT_EQ(env->credentials.access_key_id, "AKIDOTHER");
  EXPECT_EQ(env->region, "ap-southeast-2");
}

TEST_F(AwsEnvironmentTest, ReadsTheSharedFileDialect) {
  vars_["AWS_PROFILE"] = "team";
  credentials_file(
      "# a comment\r\n"
      "; another\r\n"
      "\r\n"
      "[  team  ]\r\n"
      "  AWS_Access_Key_Id   =   AKIDTEAM   \r\n"
      "aws_secret_access_key=teamsecret\r\n");
  config_file(
      "[profile   team]\n"
      "s3 =\n"
      "  region = nested-value-not-the-region\n"
      "region = sa-east-1  # where the team works\n");
  const auto env = load();
  ASSERT_TRUE(env.ok()) << env.error().message;
  EXPECT_EQ(env->credentials.access_key_id, "AKIDTEAM");
  EXPECT_EQ(env->credentials.secret_access_key, "teamsecret");
  EXPECT_EQ(env->region, "sa-east-1");
}

TEST_F(AwsEnvironmentTest, RegionPrecedence) {
  minimal();
  vars_.erase("AWS_REGION");
  config_file("[default]\nregion = eu-central-1\n");
  auto env = load();
  ASSERT_TRUE(env.ok()) << env.error().message;
  EXPECT_EQ(env->region, "eu-central-1");

  vars_["AWS_DEFAULT_REGION"] = "us-east-2";
  env = load();
  ASSERT_TRUE(env.ok());
  EXPECT_EQ(env->region, "us-east-2");

  vars_["AWS_REGION"] = "af-south-1";
  env = load();
  ASSERT_TRUE(env.ok());
  EXPECT_EQ(env->region, "af-south-1");
}

TEST_F(AwsEnvironmentTest, EndpointPrecedence) {
  minimal();
  auto env = load();
  ASSERT_TRUE(env.ok()) << env.error().message;
  EXPECT_EQ(env->dynamodb_endpoint, "https://dynamodb.eu-west-1.amazonaws.com");
  EXPECT_EQ(env->secrets_manager_endpoint, "https://secretsmanager.eu-west-1.amazonaws.com");
  EXPECT_EQ(env->ssm_endpoint, "https://ssm.eu-west-1.amazonaws.com");
  EXPECT_EQ(env->cognito_idp_endpoint, "https://cognito-idp.eu-west-1.amazonaws.com");

  vars_["AWS_ENDPOINT_URL"] = "http://localhost:5000/";
  env = load();
  ASSERT_TRUE(env.ok()) << env.error().message;
  EXPECT_EQ(env->dynamodb_endpoint, "http://localhost:5000");
  EXPECT_EQ(env->cognito_idp_endpoint, "http://localhost:5000");

  vars_["AWS_ENDPOINT_URL_DYNAMODB"] = "HTTP://127.0.0.1:8000";
  vars_["AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER"] = "https://[::1]:9229/prefix/";
  env = load();
  ASSERT_TRUE(env.ok()) << env.error().message;
  EXPECT_EQ(env->dynamodb_endpoint, "http://127.0.0.1:8000");
  EXPECT_EQ(env->cognito_idp_endpoint, "https://[::1]:9229/prefix");
  EXPECT_EQ(env->secrets_manager_endpoint, "http://localhost:5000");
  EXPECT_EQ(env->endpoint(Service::dynamodb), env->dynamodb_endpoint);
  EXPECT_EQ(env->endpoint(Service::secrets_manager), env->secrets_manager_endpoint);
  EXPECT_EQ(env->endpoint(Service::ssm), env->ssm_endpoint);
  EXPECT_EQ(env->endpoint(Service::cognito_idp), env->cognito_idp_endpoint);

  vars_["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "TRUE";
  env = load();
  ASSERT_TRUE(env.ok()) << env.error().message;
  EXPECT_EQ(env->dynamodb_endpoint, "https://dynamodb.eu-west-1.amazonaws.com");
  EXPECT_EQ(env->cognito_idp_endpoint, "https://cognito-idp.eu-west-1.amazonaws.com");

  vars_["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "false";
  env = load();
  ASSERT_TRUE(env.ok()) << env.error().message;
  EXPECT_EQ(env->dynamodb_endpoint, "http://127.0.0.1:8000");

  vars_["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "yes please";
  const AwsError error = failure();
  EXPECT_EQ(error.code, AwsErrc::validation);
  EXPECT_TRUE(mentions(error, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")) << error.message;
}

TEST_F(AwsEnvironmentTest, ChinaRegionsUseTheirOwnDomain) {
  minimal();
  vars_["AWS_REGION"] = "cn-north-1";
  const auto env = load();
  ASSERT_TRUE(env.ok()) << env.error().message;
  EXPECT_EQ(env->dynamodb_endpoint, "https://dynamodb.cn-north-1.amazonaws.com.cn");
}

TEST_F(AwsEnvironmentTest, MaxAttempts) {
  minimal();
  vars_["AWS_MAX_ATTEMPTS"] = " 7 ";
  const auto env = load();
  ASSERT_TRUE(env.ok()) << env.error().message;
  EXPECT_EQ(env->max_attempts, 7);
  for (const char* bad : {"0", "11", "-1", "three", "3x", "2.5"}) {
    vars_["AWS_MAX_ATTEMPTS"] = bad;
    const AwsError error = failure();
    EXPECT_EQ(error.code, AwsErrc::validation) << bad;
    EXPECT_TRUE(mentions(error, "AWS_MAX_ATTEMPTS")) << error.message;
  }
}

TEST_F(AwsEnvironmentTest, BadRegionsAreRefusedNamingTheirSource) {
  minimal();
  for (const char* bad : {"US-EAST-1", "us east 1", "us_east_1", "-us-east-1", "1us"}) {
    vars_["AWS_REGION"] = bad;
    const AwsError error = failure();
    EXPECT_EQ(error.code, AwsErrc::validation) << bad;
    EXPECT_TRUE(mentions(error, "AWS_REGION")) << error.message;
  }
  vars_.erase("AWS_REGION");
  vars_["AWS_DEFAULT_REGION"] = "Europe";
  EXPECT_TRUE(mentions(failure(), "AWS_DEFAULT_REGION"));

  vars_.erase("AWS_DEFAULT_REGION");
  config_file("[default]\nregion = eu west\n");
  const AwsError from_file = failure();
  EXPECT_TRUE(mentions(from_file, (home_ / ".aws" / "config").string())) << from_file.message;
}

TEST_F(AwsEnvironmentTest, MissingRegionNamesWhereItLooked) {
  minimal();
  vars_.erase("AWS_REGION");
  const AwsError error = failure();
  EXPECT_EQ(error.code, AwsErrc::validation);
  EXPECT_TRUE(mentions(error, "AWS_REGION")) << error.message;
  EXPECT_TRUE(mentions(error, "AWS_DEFAULT_REGION")) << error.message;
  EXPECT_TRUE(mentions(error, ".aws/config")) << error.message;
}

TEST_F(AwsEnvironmentTest, BadEndpointUrlsAreRefusedNamingTheVariable) {
  minimal();
  for (const char* bad : {"localhost:4566", "ftp://localhost", "http://", "http://:4566", "http://host:99999",
                          "http://host:port", "http://host/?x=1", "http://user:pw@host", "http://a host"}) {
    vars_["AWS_ENDPOINT_URL_DYNAMODB"] = bad;
    const AwsError error = failure();
    EXPECT_EQ(error.code, AwsErrc::validation) << bad;
    EXPECT_TRUE(mentions(error, "AWS_ENDPOINT_URL_DYNAMODB")) << error.message;
    EXPECT_FALSE(mentions(error, "pw@")) << error.message;
  }
  vars_.erase("AWS_ENDPOINT_URL_DYNAMODB");
  vars_["AWS_ENDPOINT_URL"] = "localhost";
  EXPECT_TRUE(mentions(failure(), "AWS_ENDPOINT_URL "));
}

TEST_F(AwsEnvironmentTest, PartialEnvironmentCredentialsNameTheMissingVariable) {
  minimal();
  vars_.erase("AWS_ACCESS_KEY_ID");
  credentials_file("[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = s\n");  // not a fallback
  AwsError error = failure();
  EXPECT_EQ(error.code, AwsErrc::validation);
  EXPECT_TRUE(mentions(error, "AWS_ACCESS_KEY_ID is not")) << error.message;

  minimal();
  vars_.erase("AWS_SECRET_ACCESS_KEY");
  error = failure();
  EXPECT_EQ(error.code, AwsErrc::validation);
  EXPECT_TRUE(mentions(error, "AWS_SECRET_ACCESS_KEY is not")) << error.message;
}

TEST_F(AwsEnvironmentTest, MangledSecretsAreRefusedWithoutBeingRepeated) {
  minimal();
  vars_["AWS_SECRET_ACCESS_KEY"] = std::string(kSecret) + "\n" + std::string(kSecret);
  const AwsError error = failure();
  EXPECT_EQ(error.code, AwsErrc::validation);
  EXPECT_TRUE(mentions(error, "AWS_SECRET_ACCESS_KEY")) << error.message;
}

TEST_F(AwsEnvironmentTest, PartialFileCredentialsNameTheMissingKey) {
  vars_["AWS_REGION"] = "eu-west-1";
  credentials_file("[default]\naws_secret_access_key = " + std::string(kSecret) + "\n");
  const AwsError error = failure();
  EXPECT_EQ(error.code, AwsErrc::validation);
  EXPECT_TRUE(mentions(error, "aws_access_key_id")) << error.message;
  EXPECT_TRUE(mentions(error, (home_ / ".aws" / "credentials").string())) << error.message;
}

TEST_F(AwsEnvironmentTest, MissingCredentialsNameWhereTheyWereLookedFor) {
  vars_["AWS_REGION"] = "eu-west-1";
  AwsError error = failure();
  EXPECT_EQ(error.code, AwsErrc::missing_credentials);
  EXPECT_TRUE(mentions(error, "AWS_ACCESS_KEY_ID")) << error.message;
  EXPECT_TRUE(mentions(error, (home_ / ".aws" / "credentials").string())) << error.message;

  credentials_file("[other]\naws_access_key_id = AKID\naws_secret_access_key = s\n");
  error = failure();
  EXPECT_EQ(error.code, AwsErrc::missing_credentials);
  EXPECT_TRUE(mentions(error, "[default]")) << error.message;

  vars_.erase("HOME");
  error = failure();
  EXPECT_EQ(error.code, AwsErrc::missing_credentials);
  EXPECT_TRUE(mentions(error, "HOME")) << error.message;
}

TEST(AwsServiceInfo, NamesEachService) {
  EXPECT_EQ(service_info(Service::dynamodb).env_suffix, "DYNAMODB");
  EXPECT_EQ(service_info(Service::dynamodb).endpoint_prefix, "dynamodb");
  EXPECT_EQ(service_info(Service::secrets_manager).env_suffix, "SECRETS_MANAGER");
  EXPECT_EQ(service_info(Service::secrets_manager).endpoint_prefix, "secretsmanager");
  EXPECT_EQ(service_info(Service::ssm).env_suffix, "SSM");
  EXPECT_EQ(service_info(Service::ssm).endpoint_prefix, "ssm");
  EXPECT_EQ(service_info(Service::cognito_idp).env_suffix, "COGNITO_IDENTITY_PROVIDER");
  EXPECT_EQ(service_info(Service::cognito_idp).endpoint_prefix, "cognito-idp");
}

}  // namespace
}  // namespace hub::aws
