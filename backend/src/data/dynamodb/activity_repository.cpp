#include "data/dynamodb/activity_repository.hpp"
