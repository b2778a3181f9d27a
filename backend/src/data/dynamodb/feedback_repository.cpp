#include "data/dynamodb/feedback_repository.hpp"
