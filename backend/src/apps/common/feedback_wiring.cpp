#include <memory>

#include "apps/common/service.hpp"
#include "handlers/feedback/feedback_routes.hpp"
#include "services/feedback_service.hpp"

namespace hub::apps {

void add_feedback_routes(Service& service) {
  auto feedback = std::make_shared<const services::FeedbackService>(*service.storage->repositories.feedback,
                                                                    activity_recorder(service));
  handlers::feedback::register_feedback_routes(*service.api, std::move(feedback));
}

}  // namespace hub::apps
