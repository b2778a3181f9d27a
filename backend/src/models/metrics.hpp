#pragma once

#include "core/metrics.hpp"
#include "models/model.hpp"

// The metrics snapshot is produced by core/; these declarations give it its wire shape.
namespace hub::core {
BOOST_DESCRIBE_STRUCT(LatencyQuantiles, (), (p50, p95, p99))
BOOST_DESCRIBE_STRUCT(RouteMetrics, (), (route, requests, status, latency_ms))
BOOST_DESCRIBE_STRUCT(RateLimitMetrics, (), (rejected_total, rejected_by_class, store_errors))
BOOST_DESCRIBE_STRUCT(MetricsSnapshot, (),
                      (started_at, uptime_seconds, init_duration_ms, cold_start, requests_total, routes,
                       rate_limit))
}  // namespace hub::core

namespace hub::models {

using LatencyQuantiles = core::LatencyQuantiles;
using RouteMetrics = core::RouteMetrics;
using RateLimitMetrics = core::RateLimitMetrics;
using MetricsSnapshot = core::MetricsSnapshot;

HUB_MODEL(LatencyQuantiles, "Latency quantiles in milliseconds (bucketed, within 1/8 of the true value).",
          field("p50").minimum(0), field("p95").minimum(0), field("p99").minimum(0));
HUB_MODEL(RouteMetrics, "Requests served by one route since the process started.",
          field("route").describe("Method and path template, e.g. GET /users/{id}"),
          field("status").describe("Responses by status class: 1xx to 5xx"),
          field("latency_ms").describe("Server-side latency quantiles"));
HUB_MODEL(
    RateLimitMetrics, "Rate limiting in this process since it started (docs/rate-limiting.md).",
    field("rejected_total").describe("Requests answered 429 RATE_LIMITED").minimum(0),
    field("rejected_by_class").describe("The same, by rate class"),
    field("store_errors")
        .describe("Counter updates that failed; HUB_RATE_LIMIT_ON_STORE_ERROR said what the request got")
        .minimum(0));
HUB_MODEL(MetricsSnapshot, "Request counts and latencies of this process since it started.",
          field("started_at").format(Format::date_time), field("uptime_seconds").minimum(0),
          field("init_duration_ms").describe("Process start to ready to serve").minimum(0),
          field("cold_start").describe("True when this is the first request the process serves"),
          field("requests_total").describe("Requests completed, all routes"),
          field("rate_limit").describe("Requests refused by rate limiting, and counter failures"));

}  // namespace hub::models
