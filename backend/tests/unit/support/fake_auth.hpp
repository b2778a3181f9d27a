#pragma once

// Test support: small fakes of the TokenVerifier and RoleSource interfaces and an Authenticator
// built on them, so RBAC can be tested without keys or a table.
//   "good-<user>[.<anything>]"  verifies as <user> (an ID token of client "client-1", expiring at
//                               kTokenExpiry)
//   "expired-..."  is rejected as expired ({"/payload/exp", "has passed"})
//   anything else  is rejected with {"/signature", "does not verify"}
// Roles: whatever `roles` maps the user to; "broken" fails with DEPENDENCY_UNAVAILABLE.

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/auth/authenticator.hpp"
#include "core/auth/role_source.hpp"
#include "core/auth/token_verifier.hpp"

namespace hub::testing {

inline constexpr std::int64_t kTokenExpiry = 1'900'000'000;  // 2030-03-17T17:46:40Z

class FakeVerifier final : public core::auth::TokenVerifier {
 public:
  [[nodiscard]] Result<core::auth::UserContext> verify(std::string_view token) const override {
    ++calls;
    if (token.starts_with("good-")) {
      const auto user_end = token.find('.');
      const std::string user(token.substr(5, user_end == std::string_view::npos ? user_end : user_end - 5));
      return core::auth::UserContext{.user_id = user,
                                     .username = user + "-name",
                                     .email = user + "@example.org",
                                     .roles = {},
                                     .token_use = "id",
                                     .client_id = "client-1",
                                     .scopes = {},
                                     .token_groups = {},
                                     .expires_at = kTokenExpiry};
    }
    if (token.starts_with("expired-")) {
      return Error{ErrorCode::UNAUTHENTICATED, "The token is not valid.", {{"/payload/exp", "has passed"}}};
    }
    return Error{ErrorCode::UNAUTHENTICATED, "The token is not valid.", {{"/signature", "does not verify"}}};
  }
  mutable std::atomic<int> calls{0};
};

class FakeRoles final : public core::auth::RoleSource {
 public:
  explicit FakeRoles(std::map<std::string, std::vector<std::string>, std::less<>> roles = {})
      : roles_(std::move(roles)) {}

  [[nodiscard]] Result<std::vector<std::string>> roles_of(std::string_view user_id) const override {
    ++calls;
    if (user_id == "broken") {
      return Error::make(ErrorCode::DEPENDENCY_UNAVAILABLE, "The role store is not answering; retry later.");
    }
    const auto found = roles_.find(user_id);
    if (found == roles_.end()) return std::vector<std::string>{};
    return found->second;
  }
  mutable std::atomic<int> calls{0};

 private:
  std::map<std::string, std::vector<std::string>, std::less<>> roles_;
};

// An Authenticator over the fakes: "admin" holds admin, "editor" holds editor, anyone else only
// the implicit member role.
struct FakeAuth {
  std::shared_ptr<FakeVerifier> verifier = std::make_shared<FakeVerifier>();
  std::shared_ptr<FakeRoles> roles =
      std::make_shared<FakeRoles>(std::map<std::string, std::vector<std::string>, std::less<>>{
          {"admin", {"admin"}}, {"editor", {"editor"}}});
  std::shared_ptr<const core::auth::Authenticator> authenticator =
      std::make_shared<core::auth::Authenticator>(verifier, roles);
};

}  // namespace hub::testing
