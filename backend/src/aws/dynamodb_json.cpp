#include "aws/dynamodb_json.hpp"
