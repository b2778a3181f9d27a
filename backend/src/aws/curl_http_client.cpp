#include "aws/curl_http_client.hpp"
