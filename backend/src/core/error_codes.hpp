#pragma once

// Every stable error code the API can return: X(name, http status, title, meaning).
// docs/errors.md lists the same table; a unit test keeps the two in step.
#define HUB_ERROR_CODES(X)                                                                                   \
  X(BAD_REQUEST, 400, "Bad request", "The request is malformed in a way no more specific code describes.")   \
  X(MALFORMED_JSON, 400, "Malformed JSON",                                                                   \
    "The body is not valid JSON; `detail` gives the line and column.")                                       \
  X(VALIDATION_FAILED, 400, "Validation failed",                                                             \
    "The body or parameters break the model's rules; `errors` lists each bad field as a JSON pointer and a " \
    "message.")                                                                                              \
  X(INVALID_PARAMETER, 400, "Invalid parameter",                                                             \
    "A path or query parameter is missing or has the wrong form; `errors` names it.")                        \
  X(INVALID_CURSOR, 400, "Invalid cursor",                                                                   \
    "The pagination cursor was altered, belongs to another listing or is from an older format; start the "   \
    "listing again without a cursor.")                                                                       \
  X(UNAUTHENTICATED, 401, "Authentication required",                                                         \
    "No valid bearer token was presented; `WWW-Authenticate: Bearer` says whether one was sent and "         \
    "rejected.")                                                                                             \
  X(FORBIDDEN, 403, "Forbidden",                                                                             \
    "The caller is authenticated but their roles do not grant the permission this operation requires.")      \
  X(CORS_ORIGIN_DENIED, 403, "Origin not allowed",                                                           \
    "A CORS preflight came from an origin that is not on CORS_ALLOWED_ORIGINS.")                             \
  X(NOT_FOUND, 404, "Not found", "No route matches the path.")                                               \
  X(METHOD_NOT_ALLOWED, 405, "Method not allowed",                                                           \
    "The path exists but not for this method; the `Allow` header lists the methods it has.")                 \
  X(USER_NOT_FOUND, 404, "User not found", "No user with this id exists.")                                   \
  X(FEEDBACK_NOT_FOUND, 404, "Feedback not found", "No feedback with this id exists.")                       \
  X(ALREADY_EXISTS, 409, "Already exists", "An item with this identity exists already.")                     \
  X(EMAIL_TAKEN, 409, "Email taken", "Another user holds this email address.")                               \
  X(VERSION_CONFLICT, 409, "Version conflict",                                                               \
    "The item changed since it was read; `current_version` says what it is now. Fetch it again and retry "   \
    "with the new version.")                                                                                 \
  X(LAST_ADMIN, 409, "Last administrator",                                                                   \
    "The change would leave no administrator: an admin cannot remove their own admin role while no other "   \
    "user holds it.")                                                                                        \
  X(LEASE_HELD, 409, "Lease held",                                                                           \
    "Another runner holds the lease on this job (migrations run one at a time); wait for it to finish.")     \
  X(PRECONDITION_FAILED, 412, "Precondition failed", "`If-Match` does not match the current `ETag`.")        \
  X(PAYLOAD_TOO_LARGE, 413, "Payload too large", "The body is larger than MAX_BODY_BYTES.")                  \
  X(UNSUPPORTED_MEDIA_TYPE, 415, "Unsupported media type", "The body is not `application/json`.")            \
  X(HEADERS_TOO_LARGE, 431, "Request header fields too large",                                               \
    "The request headers exceed the server's header limit.")                                                 \
  X(RATE_LIMITED, 429, "Too many requests",                                                                  \
    "The caller exceeded its request quota; `Retry-After` says when to try again.")                          \
  X(INTERNAL, 500, "Internal server error",                                                                  \
    "An unexpected failure; the details are in the logs under the request id, never in the response.")       \
  X(DEPENDENCY_UNAVAILABLE, 503, "Service unavailable",                                                      \
    "A dependency (storage, identity provider) is failing; retry later.")                                    \
  X(REQUEST_TIMEOUT, 504, "Request timed out", "The request could not complete within its deadline.")
