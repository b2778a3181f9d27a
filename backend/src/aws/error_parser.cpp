#include "aws/error_parser.hpp"
