#include "apps/common/service.hpp"

namespace hub::apps {

void add_users_routes(Service& service) { (void)activity_recorder(service); }

}  // namespace hub::apps
