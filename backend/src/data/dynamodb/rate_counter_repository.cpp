#include "data/dynamodb/rate_counter_repository.hpp"
