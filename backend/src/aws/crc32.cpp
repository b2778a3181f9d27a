#include "aws/crc32.hpp"
