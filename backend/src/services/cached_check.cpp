#include "services/cached_check.hpp"

namespace hub::services {

Status CachedCheck::check() const {
  const std::scoped_lock lock{mutex_};
  const auto now = now_();
  if (last_ && now - checked_at_ < ttl_) return *last_;
  last_ = inner_->check();
  checked_at_ = now_();
  return *last_;
}

}  // namespace hub::services
