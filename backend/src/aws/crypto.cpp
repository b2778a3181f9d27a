#include "aws/crypto.hpp"

#include <stdexcept>

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace hub::aws {

Sha256Digest sha256(std::string_view data) {
  Sha256Digest out{};
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("EVP_Digest(sha256) failed");  // only on a broken OpenSSL
  }
  return out;
}

Sha256Digest hmac_sha256(std::string_view key, std::string_view data) {
  Sha256Digest out{};
  unsigned int length = 0;
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): OpenSSL takes bytes as unsigned char
  const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), bytes, data.size(), out.data(), &length) ==
      nullptr) {
    throw std::runtime_error("HMAC(sha256) failed");
  }
  return out;
}

struct Sha256Stream::State {
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  bool finished = false;
  State() {
    if (context == nullptr || EVP_DigestInit_ex(context, EVP_sha256(), nullptr) != 1) {
      EVP_MD_CTX_free(context);
      throw std::runtime_error("EVP_DigestInit_ex(sha256) failed");
    }
  }
  ~State() { EVP_MD_CTX_free(context); }
  State(const State&) = delete;
  State& operator=(const State&) = delete;
  State(State&&) = delete;
  State& operator=(State&&) = delete;
};

Sha256Stream::Sha256Stream() : state_(std::make_unique<State>()) {}
Sha256Stream::~Sha256Stream() = default;
Sha256Stream::Sha256Stream(Sha256Stream&&) noexcept = default;
Sha256Stream& Sha256Stream::operator=(Sha256Stream&&) noexcept = default;

void Sha256Stream::update(std::string_view data) {
  if (state_->finished) throw std::logic_error("Sha256Stream::update after finish");
  if (EVP_DigestUpdate(state_->context, data.data(), data.size()) != 1) {
    throw std::runtime_error("EVP_DigestUpdate(sha256) failed");
  }
}

Sha256Digest Sha256Stream::finish() {
  if (state_->finished) throw std::logic_error("Sha256Stream::finish twice");
  state_->finished = true;
  Sha256Digest out{};
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(state_->context, out.data(), &length) != 1) {
    throw std::runtime_error("EVP_DigestFinal_ex(sha256) failed");
  }
  return out;
}

std::string hex(const Sha256Digest& digest) {
  static constexpr std::string_view kDigits = "0123456789abcdef";
  std::string out;
  out.reserve(digest.size() * 2);
  for (const std::uint8_t byte : digest) {
    out.push_back(kDigits[byte >> 4U]);
    out.push_back(kDigits[byte & 0x0FU]);
  }
  return out;
}

}  // namespace hub::aws
