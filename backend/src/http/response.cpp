#include "http/response.hpp"

#include <boost/json/serialize.hpp>

namespace hub::http {

Response Response::json(int status, const json::value& body) {
  Response r;
  r.status = status;
  r.headers.set("Content-Type", "application/json");
  r.body = boost::json::serialize(body);
  return r;
}

Response Response::empty(int status) {
  Response r;
  r.status = status;
  return r;
}

}  // namespace hub::http
