#include "data/dynamodb/user_profile_repository.hpp"
