#include "aws/retry.hpp"
