#include "services/cached_check.hpp"

namespace hub::services {
namespace {

std::int64_t ns(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

}  // namespace

Status CachedCheck::check() const {
  const auto now = now_();
  if (ns(now) < ok_until_ns_.load(std::memory_order_acquire)) return {};
  const std::scoped_lock lock{mutex_};
  if (last_ && now - checked_at_ < ttl_) return *last_;
  last_ = inner_->check();
  checked_at_ = now_();
  ok_until_ns_.store(last_->ok() ? ns(checked_at_ + ttl_) : 0, std::memory_order_release);
  return *last_;
}

}  // namespace hub::services
