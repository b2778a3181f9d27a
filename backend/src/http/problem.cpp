#include "http/problem.hpp"

#include <boost/json/serialize.hpp>

namespace hub::http {

std::string problem_type(ErrorCode code) {
  std::string slug(name(code));
  for (char& c : slug) {
    c = c == '_' ? '-' : static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return "urn:igad:innovation-hub:problem:" + slug;
}

Response problem_response(const Error& error, std::string_view request_id, std::string_view instance) {
  const auto& row = info(error.code);
  json::object body{
      {"type", problem_type(error.code)},
      {"title", row.title},
      {"status", row.http_status},
      {"detail", error.detail.empty() ? row.meaning : std::string_view{error.detail}},
      {"code", row.name},
      {"request_id", request_id},
  };
  if (!instance.empty()) {
    body["instance"] = instance;
  }
  if (!error.fields.empty()) {
    json::array fields;
    fields.reserve(error.fields.size());
    for (const auto& f : error.fields) {
      fields.push_back(json::object{{"pointer", f.pointer}, {"message", f.message}});
    }
    body["errors"] = std::move(fields);
  }
  if (error.current_version) {
    body["current_version"] = *error.current_version;
  }
  Response r;
  r.status = row.http_status;
  r.headers.set("Content-Type", kProblemContentType);
  r.body = boost::json::serialize(body);
  return r;
}

}  // namespace hub::http
