// AWS's SigV4 test suite (shared/vectors/sigv4): every case folder is found at run time, so a
// case added there is tested with no change here. Each header-* file must match byte for byte.
#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include "aws/crypto.hpp"
#include "aws/sigv4.hpp"

namespace hub::aws {
namespace {

namespace fs = std::filesystem;

const fs::path kVectors = fs::path(HUB_SHARED_DIR) / "vectors" / "sigv4";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  if (fs::is_directory(kVectors)) {
    for (const auto& entry : fs::directory_iterator(kVectors)) {
      if (fs::exists(entry.path() / "header-canonical-request.txt"))
        names.push_back(entry.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

// request.txt: request line, header lines (a line starting with a space continues the previous
// value), a blank line, the body.
struct ParsedRequest {
  RequestToSign request;
  std::vector<std::string> head_lines;  // as written, for rebuilding the signed request
  std::string body;
};

ParsedRequest parse_request(const std::string& text) {
  ParsedRequest parsed;
  const auto head_end = text.find("\n\n");
  const std::string head = text.substr(0, head_end);
  parsed.body = head_end == std::string::npos ? std::string{} : text.substr(head_end + 2);
  std::istringstream lines(head);
  std::string line;
  std::getline(lines, line);
  parsed.head_lines.push_back(line);
  const auto first_space = line.find(' ');
  const auto version = line.rfind(" HTTP/");
  parsed.request.method = line.substr(0, first_space);
  const std::string target = line.substr(first_space + 1, version - first_space - 1);
  const auto question = target.find('?');
  parsed.request.path = target.substr(0, question);
  if (question != std::string::npos) parsed.request.query = target.substr(question + 1);
  while (std::getline(lines, line)) {
    parsed.head_lines.push_back(line);
    if (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
      parsed.request.headers.back().second += "\n" + line;
      continue;
    }
    const auto colon = line.find(':');
    parsed.request.headers.emplace_back(line.substr(0, colon), line.substr(colon + 1));
  }
  return parsed;
}

core::SystemTime parse_time(std::string_view text) {  // 2015-08-30T12:36:00Z
  std::tm tm{};
  std::istringstream in{std::string(text)};
  in >> std::get_time(&tm, "%Y-%m-%dT%H:%M:%SZ");
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

class SigV4Vectors : public ::testing::TestWithParam<std::string> {};

TEST_P(SigV4Vectors, HeaderSigningMatchesEveryStep) {
  const fs::path dir = kVectors / GetParam();
  const auto context = boost::json::parse(read_file(dir / "context.json")).as_object();
  const auto& creds = context.at("credentials").as_object();
  ParsedRequest parsed = parse_request(read_file(dir / "request.txt"));
  parsed.request.body = parsed.body;

  SigningParams params;
  params.credentials.access_key_id = std::string(creds.at("access_key_id").as_string());
  params.credentials.secret_access_key = std::string(creds.at("secret_access_key").as_string());
  if (const auto* token = creds.if_contains("token"))
    params.credentials.session_token = std::string(token->as_string());
  params.region = std::string(context.at("region").as_string());
  params.service = std::string(context.at("service").as_string());
  params.time = parse_time(context.at("timestamp").as_string());
  params.normalize_path = context.at("normalize").as_bool();
  params.add_content_sha256 = context.at("sign_body").as_bool();
  if (const auto* omit = context.if_contains("omit_session_token"))
    params.sign_session_token = !omit->as_bool();

  const Signature signature = sign_v4(parsed.request, params);
  EXPECT_EQ(signature.canonical_request, read_file(dir / "header-canonical-request.txt"));
  EXPECT_EQ(signature.string_to_sign, read_file(dir / "header-string-to-sign.txt"));
  EXPECT_EQ(signature.signature, read_file(dir / "header-signature.txt"));

  std::string signed_request;
  for (const auto& line : parsed.head_lines) signed_request += line + "\n";
  for (const auto& [name, value] : signature.headers_to_add) signed_request += name + ":" + value + "\n";
  signed_request += "\n" + parsed.body;
  EXPECT_EQ(signed_request, read_file(dir / "header-signed-request.txt"));
}

INSTANTIATE_TEST_SUITE_P(AwsSuite, SigV4Vectors, ::testing::ValuesIn(case_names()),
                         [](const ::testing::TestParamInfo<std::string>& param_info) {
                           std::string name = param_info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(SigV4Vectors, TheSuiteIsThere) { EXPECT_GE(case_names().size(), 30U) << kVectors; }

TEST(Crypto, KnownDigests) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  // RFC 4231 test case 2
  EXPECT_EQ(hex(hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Crypto, StreamedDigestEqualsTheOneShotDigest) {
  const std::string data(100'000, 'x');
  Sha256Stream stream;
  for (std::size_t at = 0; at < data.size(); at += 333) stream.update(std::string_view{data}.substr(at, 333));
  EXPECT_EQ(hex(stream.finish()), sha256_hex(data));
  Sha256Stream empty;
  EXPECT_EQ(hex(empty.finish()), sha256_hex(""));
}

TEST(UriEncode, KeepsOnlyUnreserved) {
  EXPECT_EQ(uri_encode("-._~azAZ09"), "-._~azAZ09");
  EXPECT_EQ(uri_encode("a b/c+d=e"), "a%20b%2Fc%2Bd%3De");
  EXPECT_EQ(uri_encode("\xE1\x88\xB4"), "%E1%88%B4");
}

}  // namespace
}  // namespace hub::aws
