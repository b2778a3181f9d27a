"""scripts/dev-log: hub-server's JSON log lines as `make dev` shows them to a person.

The sample lines were taken from a real hub-server run (requests as a member and an admin, a bad
token, a 404, a 405, then the same with DynamoDB unreachable); the error line is the router's
`unhandled exception in handler` with its real field names."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import pathlib
import subprocess
import sys

REPO = pathlib.Path(__file__).resolve().parents[3]
SCRIPT = REPO / "scripts" / "dev-log"


def load_dev_log():
    loader = importlib.machinery.SourceFileLoader("dev_log", str(SCRIPT))
    spec = importlib.util.spec_from_loader("dev_log", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


dev_log = load_dev_log()
PLAIN = dev_log.Painter(False)
COLOUR = dev_log.Painter(True)

LISTENING = ('{"level":"INFO","location":"hub_server.cpp:78","message":"listening",'
             '"timestamp":"2026-11-24T19:17:01.985Z","service":"innovation-hub","url":"http://127.0.0.1:18088"}')
REQUEST_OK = ('{"level":"INFO","location":"access_log.cpp:40","message":"request",'
              '"timestamp":"2026-11-24T19:17:02.465Z","service":"innovation-hub",'
              '"correlation_id":"01M87FTYB14T753J53WYZQE14D","request_id":"01M87FTYB14T753J53WYZQE14D",'
              '"method":"GET","route":"/auth/session","path":"/auth/session","status":200,'
              '"duration_ms":3.1285808E1,"user_id":"156a5705-f83c-4588-8a51-1a4ca23bec5b"}')
REQUEST_404 = ('{"level":"INFO","location":"access_log.cpp:40","message":"request",'
               '"timestamp":"2026-11-24T19:17:02.421Z","service":"innovation-hub",'
               '"correlation_id":"01M87FTYAGB38JCS0T1XY3AJ3M","request_id":"01M87FTYAGB38JCS0T1XY3AJ3M",'
               '"method":"GET","route":"(unmatched)","path":"/nope","status":404,"duration_ms":4.504948E0}')
REQUEST_503 = ('{"level":"INFO","location":"access_log.cpp:40","message":"request",'
               '"timestamp":"2026-11-24T19:17:13.701Z","service":"innovation-hub",'
               '"correlation_id":"01M87FV9701N02S6M7T4ZZ2GME","request_id":"01M87FV9701N02S6M7T4ZZ2GME",'
               '"method":"GET","route":"/health","path":"/health","status":503,"duration_ms":1.32195903E2}')
REQUEST_OWN_CORRELATION = ('{"level":"INFO","location":"access_log.cpp:40","message":"request",'
                           '"timestamp":"2026-11-24T19:17:02.732Z","service":"innovation-hub",'
                           '"correlation_id":"my-corr-123","request_id":"01M87FTYKZB9E3P1PD00SJGD64",'
                           '"method":"GET","route":"/version","path":"/version","status":200,'
                           '"duration_ms":1.3736053E1}')
RETRIED = ('{"level":"INFO","location":"json_service_client.cpp:245","message":"aws call retried",'
           '"timestamp":"2026-11-24T19:17:13.473Z","service":"innovation-hub",'
           '"correlation_id":"01M87FV94050SP88NHMN8JES85","request_id":"01M87FV94050SP88NHMN8JES85",'
           '"aws_service":"dynamodb","aws_operation":"UpdateItem","attempt":1,"error":"connection_failed",'
           '"delay_ms":20}')
WARNING = ('{"level":"WARNING","location":"storage_error.cpp:33","message":"storage call failed",'
           '"timestamp":"2026-11-24T19:17:13.505Z","service":"innovation-hub",'
           '"correlation_id":"01M87FV94050SP88NHMN8JES85","request_id":"01M87FV94050SP88NHMN8JES85",'
           '"operation":"rate_counters.hit","aws_error":"connection_failed",'
           '"aws_detail":"connection_failed (3 attempts): could not connect to http://127.0.0.1:9 '
           '(Connection refused)","attempts":3}')
ERROR = ('{"level":"ERROR","location":"router.cpp:151","message":"unhandled exception in handler",'
         '"timestamp":"2026-11-24T19:20:41.118Z","service":"innovation-hub",'
         '"correlation_id":"01M87G1QW3XKJ0V2C6B9M4T8RA","request_id":"01M87G1QW3XKJ0V2C6B9M4T8RA",'
         '"user_id":"156a5705-f83c-4588-8a51-1a4ca23bec5b","exception":"std::out_of_range",'
         '"error":"vector::_M_range_check: __n (which is 3) >= this->size() (which is 3)",'
         '"method":"GET","route":"/users/activity"}')
STOPPED = ('{"level":"INFO","location":"http_server.cpp:78","message":"server stopped",'
           '"timestamp":"2026-11-24T19:17:02.736Z","service":"innovation-hub"}')
EMF = ('{"_aws":{"Timestamp":1795547822465,"CloudWatchMetrics":[{"Namespace":"InnovationHub",'
       '"Dimensions":[["service","route"]],"Metrics":[{"Name":"RequestLatency","Unit":"Milliseconds"},'
       '{"Name":"Requests","Unit":"Count"}]}]},"service":"innovation-hub","route":"GET /health",'
       '"RequestLatency":4.6,"Requests":1}')


def show(line: str, width: int = 0) -> str:
    return dev_log.format_line(line, PLAIN, width)


def test_a_request_is_one_line_with_time_method_path_status_latency_correlation_and_user():
    assert show(REQUEST_OK) == "19:17:02.465 GET    /auth/session            200  31.3 ms corr=…ZQE14D user=156a5705…"


def test_a_request_without_a_user_names_none():
    shown = show(REQUEST_404)
    assert shown.startswith("19:17:02.421 GET    /nope ")
    assert " 404 " in shown and "4.5 ms" in shown and "corr=…Y3AJ3M" in shown
    assert "user=" not in shown


def test_a_short_correlation_id_of_the_callers_own_is_shown_whole():
    assert "corr=my-corr-123" in show(REQUEST_OWN_CORRELATION)


def test_slow_requests_are_shown_in_whole_milliseconds_and_seconds():
    assert " 132 ms " in show(REQUEST_503)
    slow = json.loads(REQUEST_OK)
    slow["duration_ms"] = 2345.6
    assert "2.35 s" in show(json.dumps(slow))


def test_statuses_are_coloured_by_class():
    def colour_of(status: int) -> str:
        entry = json.loads(REQUEST_OK)
        entry["status"] = status
        shown = dev_log.format_line(json.dumps(entry), COLOUR)
        return shown.split(f"{status}\033[0m")[0].rsplit("\033[", 1)[1]

    assert colour_of(200) == "32m"  # green
    assert colour_of(304) == "36m"  # cyan
    assert colour_of(404) == "33m"  # yellow
    assert colour_of(503) == "1;31m"  # bold red


def test_other_info_lines_are_shortened_to_one_line_with_their_fields():
    assert show(LISTENING) == "19:17:01.985 INFO  listening  url=http://127.0.0.1:18088"
    assert show(STOPPED) == "19:17:02.736 INFO  server stopped"
    shown = show(RETRIED)
    assert shown.startswith("19:17:13.473 INFO  aws call retried  corr=…8JES85 ")
    assert "aws_operation=UpdateItem" in shown and "\n" not in shown
    assert " service=" not in shown and "location=" not in shown and "request_id=" not in shown


def test_a_long_info_line_is_cut_to_the_width_but_keeps_its_correlation_id():
    shown = show(RETRIED, width=60)
    assert len(shown) == 60 and shown.endswith("…")
    assert "corr=…8JES85" in shown


def test_warnings_are_expanded_with_every_field_indented():
    lines = show(WARNING).splitlines()
    assert lines[0] == "19:17:13.505 WARN  storage call failed"
    fields = {line.split()[0]: line.split(None, 1)[1] for line in lines[1:]}
    assert all(line.startswith("    ") for line in lines[1:])
    assert fields["correlation_id"] == "01M87FV94050SP88NHMN8JES85"
    assert fields["aws_detail"] == "connection_failed (3 attempts): could not connect to http://127.0.0.1:9 (Connection refused)"
    assert fields["attempts"] == "3"
    assert fields["location"] == "storage_error.cpp:33"
    assert set(fields) == set(json.loads(WARNING)) - {"level", "message", "timestamp"}


def test_errors_are_expanded_and_nothing_is_cut_whatever_the_width():
    lines = show(ERROR, width=40).splitlines()
    assert lines[0] == "19:20:41.118 ERROR unhandled exception in handler"
    assert "    exception       std::out_of_range" in lines
    assert "    error           vector::_M_range_check: __n (which is 3) >= this->size() (which is 3)" in lines
    assert "    user_id         156a5705-f83c-4588-8a51-1a4ca23bec5b" in lines
    coloured = dev_log.format_line(ERROR, COLOUR)
    assert coloured.startswith("\033[2m19:20:41.118\033[0m \033[1;31mERROR\033[0m")


def test_lines_that_are_not_json_objects_pass_through_and_blank_lines_vanish():
    assert show("terminate called after throwing an instance of 'std::bad_alloc'") == \
        "terminate called after throwing an instance of 'std::bad_alloc'"
    assert show('["a", 1]') == '["a", 1]'
    assert show("   \n") is None


def test_metrics_documents_are_one_dim_line():
    assert show(EMF) == "19:17:02.465 EMF   metrics RequestLatency,Requests"


def test_the_script_reads_stdin_and_writes_plain_text_when_not_a_terminal():
    sample = "\n".join([LISTENING, REQUEST_OK, WARNING, REQUEST_404, ERROR, STOPPED, "not json", ""]) + "\n"
    run = subprocess.run([sys.executable, str(SCRIPT)], input=sample, capture_output=True, text=True, timeout=30)
    assert run.returncode == 0, run.stderr
    assert "\033[" not in run.stdout
    lines = run.stdout.splitlines()
    assert lines[0].startswith("19:17:01.985 INFO  listening")
    assert lines[1].startswith("19:17:02.465 GET    /auth/session")
    assert lines[2] == "19:17:13.505 WARN  storage call failed"
    assert lines[-1] == "not json"
    assert sum(1 for line in lines if not line.startswith("    ")) == 7


def test_colour_is_forced_with_color_always_and_files_are_read_in_order(tmp_path):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text(REQUEST_OK + "\n")
    second.write_text(REQUEST_404 + "\n")
    run = subprocess.run([sys.executable, str(SCRIPT), "--color=always", str(first), str(second)],
                         capture_output=True, text=True, timeout=30)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert len(lines) == 2 and "\033[32m200" in lines[0] and "\033[33m404" in lines[1]
