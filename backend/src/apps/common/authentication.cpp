#include "apps/common/authentication.hpp"

#include "aws/document_fetch.hpp"
#include "core/auth/jwks_cache.hpp"
#include "core/auth/jwt_verifier.hpp"
#include "core/clock.hpp"

namespace hub::apps {

std::shared_ptr<const core::auth::Authenticator> make_authenticator(
    const core::AuthConfig& auth, const std::shared_ptr<const Storage>& storage,
    std::shared_ptr<const core::auth::RoleSource> roles) {
  if (!auth.enabled()) return nullptr;
  auto url = auth.effective_jwks_url();
  auto fetch = [storage, url, timeout = auth.jwks_timeout, max_bytes = auth.jwks_max_bytes] {
    return aws::fetch_document(*storage->http, url, timeout, max_bytes);
  };
  // Keys are fetched when the first token needs them, not here: a Lambda function's init stays
  // free of network calls.
  auto keys = std::make_shared<core::auth::JwksCache>(
      std::move(url), std::move(fetch), core::SystemClock::instance(), auth.jwks_refetch_interval);
  auto verifier =
      std::make_shared<core::auth::JwtVerifier>(core::auth::VerifierSettings::from(auth), std::move(keys));
  return std::make_shared<core::auth::Authenticator>(std::move(verifier), std::move(roles));
}

}  // namespace hub::apps
