#include "data/dynamodb/user_preferences_repository.hpp"
