#include "apps/common/service.hpp"

namespace hub::apps {

void add_feedback_routes(Service& service) { (void)activity_recorder(service); }

}  // namespace hub::apps
