#pragma once

#include "core/metrics.hpp"
#include "models/model.hpp"

// The metrics snapshot is produced by core/; these declarations give it its wire shape.
namespace hub::core {
BOOST_DESCRIBE_STRUCT(LatencyQuantiles, (), (p50, p95, p99))
BOOST_DESCRIBE_STRUCT(RouteMetrics, (), (route, requests, status, latency_ms))
BOOST_DESCRIBE_STRUCT(RateLimitMetrics, (), (rejected_total, rejected_by_class, store_errors))
BOOST_DESCRIBE_STRUCT(OperationErrors, (), (throttled, conditional_check_failed, other))
BOOST_DESCRIBE_STRUCT(OperationMetrics, (),
                      (service, operation, calls, errors, retries, latency_ms, consumed_capacity_units))
BOOST_DESCRIBE_STRUCT(IndexFigures, (), (name, status, item_count, size_bytes))
BOOST_DESCRIBE_STRUCT(TableFigures, (),
                      (name, as_of, status, billing_mode, item_count, size_bytes, indexes, error))
BOOST_DESCRIBE_STRUCT(MetricsSnapshot, (),
                      (started_at, uptime_seconds, init_duration_ms, cold_start, requests_total, routes,
                       rate_limit, dependencies, table))
}  // namespace hub::core

namespace hub::models {

using LatencyQuantiles = core::LatencyQuantiles;
using RouteMetrics = core::RouteMetrics;
using RateLimitMetrics = core::RateLimitMetrics;
using OperationErrors = core::OperationErrors;
using OperationMetrics = core::OperationMetrics;
using IndexFigures = core::IndexFigures;
using TableFigures = core::TableFigures;
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
HUB_MODEL(OperationErrors, "Failed calls of one operation, by kind.",
          field("throttled").describe("Refused for load (throttling, provisioned throughput exceeded)"),
          field("conditional_check_failed")
              .describe("A write's condition did not hold, transactions cancelled by one included"),
          field("other").describe("Any other failure: timeouts, connection failures, 5xx, validation"));
HUB_MODEL(OperationMetrics,
          "The calls this process made to one operation of an AWS service since it started.",
          field("service").describe("The service's endpoint prefix, e.g. dynamodb").example_value("dynamodb"),
          field("operation").describe("The operation, e.g. GetItem").example_value("GetItem"),
          field("calls").describe("Calls made, failed ones included; a call's retries are one call"),
          field("errors").describe("Calls that failed after any retries, by kind"),
          field("retries").describe("Attempts beyond the first, summed over the calls"),
          field("latency_ms").describe("Latency of a whole call, retries and backoff included"),
          field("consumed_capacity_units")
              .describe("Capacity units the responses reported (ReturnConsumedCapacity=TOTAL), summed; "
                        "absent when no response reported any")
              .minimum(0));
HUB_MODEL(IndexFigures, "One global secondary index of the table.", field("name"),
          field("status").describe("CREATING, UPDATING, DELETING or ACTIVE"),
          field("item_count").describe("Approximate: refreshed by AWS about every six hours").minimum(0),
          field("size_bytes").describe("Approximate: refreshed by AWS about every six hours").minimum(0));
HUB_MODEL(
    TableFigures,
    "The table's own figures from DescribeTable, cached for a minute. Either the figures are present "
    "or error says why the table could not be described.",
    field("name").describe("The table's name"),
    field("as_of").describe("When the table was described, or the attempt failed").format(Format::date_time),
    field("status").describe("CREATING, UPDATING, DELETING, ACTIVE, ..."),
    field("billing_mode").one_of({"PAY_PER_REQUEST", "PROVISIONED"}),
    field("item_count").describe("Approximate: refreshed by AWS about every six hours").minimum(0),
    field("size_bytes").describe("Approximate: refreshed by AWS about every six hours").minimum(0),
    field("indexes").describe("The global secondary indexes"),
    field("error")
        .describe("Why the table could not be described, e.g. timeout, throttled, access_denied, "
                  "resource_not_found")
        .example_value("timeout"));
HUB_MODEL(MetricsSnapshot, "Request counts and latencies of this process since it started.",
          field("started_at").format(Format::date_time), field("uptime_seconds").minimum(0),
          field("init_duration_ms").describe("Process start to ready to serve").minimum(0),
          field("cold_start").describe("True when this is the first request the process serves"),
          field("requests_total").describe("Requests completed, all routes"),
          field("rate_limit").describe("Requests refused by rate limiting, and counter failures"),
          field("dependencies").describe("Calls to AWS services, by service then operation"),
          field("table").describe("The table's own figures; absent when the process has no storage"));

}  // namespace hub::models
