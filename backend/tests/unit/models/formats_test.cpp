#include "models/formats.hpp"

#include <regex>
#include <string>

#include <gtest/gtest.h>

namespace {

using hub::models::Format;
using hub::models::formats::matches;
using hub::models::formats::schema_pattern;

// The check and the schema's pattern agree on every case: a client validating against the
// OpenAPI description is refused nothing the description allows.
void expect_agreement(const char* url, bool accepted) {
  const std::regex pattern(*schema_pattern(Format::public_https_url, false), std::regex::ECMAScript);
  EXPECT_EQ(matches(Format::public_https_url, url), accepted) << url;
  EXPECT_EQ(std::regex_match(std::string(url), pattern), accepted) << url;
}

TEST(Formats, PublicHttpsUrlsAreRfc3986UrisAsThePatternSays) {
  for (const char* ok :
       {"https://images.example.org/a.png", "HTTPS://cdn.igad.int", "https://cdn.igad.int:8443/a/b?c=d&e=f#g",
        "https://cdn.igad.int/caf%C3%A9.png", "https://cdn.igad.int?size=64", "https://cdn.igad.int#top",
        "https://cdn.igad.int/a;b=c/@me/(1)/~x/*!$'+,", "https://cdn.igad.int/a?b=/c?d#e/f?g"}) {
    expect_agreement(ok, true);
  }
  for (const char* bad :
       {"https://cdn.igad.int/café.png", "https://cdn.igad.int/a b", "https://cdn.igad.int/a\"onerror=x",
        "https://cdn.igad.int/<script>", "https://cdn.igad.int/a%2", "https://cdn.igad.int/a%zz",
        "https://cdn.igad.int/a#b#c", "https://cdn.igad.int/{x}", "https://cdn.igad.int/a|b",
        "https://cdn.igad.int/a\\b", "https://cdn.igad.int/^", "https://cdn.igad.int/`",
        "https://cdn.igad.int:/a", "https://cdn.igad.int:123456/", "http://cdn.igad.int/a", "https://cdn/a",
        "https://cdn.igad.int/a\n"}) {
    expect_agreement(bad, false);
  }
}

}  // namespace
