#include "aws/aws_environment.hpp"
