#include "data/dynamodb/role_repository.hpp"
