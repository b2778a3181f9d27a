# IGAD Innovation Hub — developer entry points. `make help` lists them.
# Builds go through the CMake presets in backend/CMakePresets.json; binaries land in build/bin/.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

ROOT    := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
JOBS    ?= 2
PORT    ?= 8080
HOST    ?= 127.0.0.1
BUILD   := $(ROOT)/build
VENV    := $(ROOT)/.venv
SHARED  ?= $(abspath $(ROOT)/../shared)
# Extra arguments for pytest, e.g. make test PYTEST_ARGS='-k health -x'
PYTEST_ARGS ?=
# A guard so that a hung functional test cannot hold CI forever (coreutils `timeout` syntax).
FUNCTIONAL_TIMEOUT ?= 45m
# clang-tidy 16: clang-tidy 14 cannot parse GCC 12's <source_location> (see .clang-tidy).
CLANG_TIDY ?= $(shell command -v clang-tidy-16 || command -v clang-tidy)

# cmake --preset / ctest --preset must run where CMakePresets.json is.
IN_BACKEND := cd $(ROOT)/backend &&

.PHONY: help bootstrap configure build package test unit functional dev dev-reset debug profile bench soak openapi docs fmt lint tidy asan \
        fuzz fuzz-smoke infra-deps infra-test localstack-deploy \
        coverage clean distclean emulators-up emulators-down emulators-status \
        _unit _functional _test-suites _asan-unit _coverage-suites

help: ## List the targets
	@echo "Usage: make <target> [JOBS=$(JOBS)] [PORT=$(PORT)]"
	@echo
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  %-17s %s\n", $$1, $$2}' \
	  $(MAKEFILE_LIST)
	@echo
	@echo "Binaries land in build/bin/. Fresh machine: make dev, then the curl line it prints (docs/development-setup.md)."

bootstrap: ## Install/check system packages, .venv (requirements-dev.txt) and .tools (idempotent)
	@$(ROOT)/scripts/bootstrap

# Configure once (and again when the presets change); afterwards ninja re-runs CMake by itself
# when a CMakeLists.txt changes. The options are spelled out so that a build/ configured by hand
# with other values is brought back to what the dev preset promises.
DEV_STAMP := $(BUILD)/.configured-dev
$(DEV_STAMP): $(ROOT)/backend/CMakePresets.json
	$(IN_BACKEND) cmake --preset dev -DHUB_BUILD_TESTS=ON -DHUB_BUILD_BENCH=ON
	@touch $@

configure: bootstrap $(DEV_STAMP)
	@ln -sfn build/compile_commands.json $(ROOT)/compile_commands.json

build: configure ## Build everything (dev preset: RelWithDebInfo, tests, benches) into build/
	$(IN_BACKEND) cmake --build --preset dev -j $(JOBS)
	@echo "build: executables in build/bin/: $$(ls $(BUILD)/bin 2>/dev/null | tr '\n' ' ')"

# Tests find the tools bootstrap installed (aws-lambda-rie) on PATH.
TEST_PATH := PATH=$(ROOT)/.tools/bin:$$PATH
UNIT_TESTS = $(IN_BACKEND) $(TEST_PATH) EMULATORS_REQUIRED=1 ctest --preset dev -j $(JOBS) --no-tests=error --timeout 300
# $(1): the folder holding hub-server & co. PACKAGE_UNDER_TEST (set by `make test`) adds the packaging
# test; it reaches pytest alone, as HUB_PACKAGE_DIR (the binaries reject HUB_ settings they do not know).
FUNCTIONAL_TESTS = cd $(ROOT) && $(TEST_PATH) HUB_BIN_DIR=$(1) HUB_SHARED_DIR=$(SHARED) \
  $(if $(PACKAGE_UNDER_TEST),HUB_PACKAGE_DIR=$(PACKAGE_UNDER_TEST)) \
  timeout --foreground $(FUNCTIONAL_TIMEOUT) $(VENV)/bin/pytest backend/tests/functional $(PYTEST_ARGS)
# Test suites run inside scripts/with-emulators: moto server and DynamoDB Local are started on free
# ports in a private state directory (.local/with-emulators.*), their endpoints are exported to
# ctest and pytest (AWS_ENDPOINT_URL, EMULATOR_MOTO_URL, EMULATOR_DYNAMODB_LOCAL_URL, fake
# credentials), and both are stopped when the suites end, pass, fail or are interrupted.
# The private targets (_unit, ...) are what runs inside.
WITH_EMULATORS := $(ROOT)/scripts/with-emulators --dynamodb-local --

unit: build ## Unit tests only (GoogleTest via ctest --preset dev), with the emulators up
	@$(WITH_EMULATORS) $(MAKE) _unit

_unit:
	$(UNIT_TESTS)

functional: build ## Functional tests only (pytest backend/tests/functional, HUB_BIN_DIR=build/bin)
	@$(WITH_EMULATORS) $(MAKE) _functional

_functional:
	$(call FUNCTIONAL_TESTS,$(BUILD)/bin)

# Both suites always run, so one report shows every failure; the target fails if either does.
# The functional suite includes the packaging test (the packaged functions under the RIE).
# Then the infrastructure checks (make infra-test) on the same packages.
test: build package ## Build and package; unit + functional tests with the emulators up, then infra-test; non-zero exit on any failure (CI)
	@rc=0; \
	 $(WITH_EMULATORS) $(MAKE) _test-suites PACKAGE_UNDER_TEST=$(BUILD)/package || rc=1; \
	 echo "== infrastructure tests"; $(MAKE) infra-test PACKAGE_DIR=$(BUILD)/package || rc=1; \
	 if ((rc)); then echo "make test: FAILED (see above)" >&2; else echo "make test: all passed"; fi; \
	 exit $$rc

_test-suites:
	@rc=0; \
	 echo "== unit tests"; ( $(UNIT_TESTS) ) || rc=1; \
	 echo "== functional tests"; ( $(call FUNCTIONAL_TESTS,$(BUILD)/bin) ) || rc=1; \
	 exit $$rc

package: bootstrap ## Release builds of the Lambda functions: a zip per function + the common layer in build/package/
	@$(ROOT)/scripts/package --jobs $(JOBS)

# The debug preset (build/debug: -O0 -g, mold, precompiled headers) is what make dev serves and
# what gdb and VS Code debug; configured once, and again when the presets change.
DEBUG_STAMP := $(BUILD)/debug/.configured-debug
$(DEBUG_STAMP): $(ROOT)/backend/CMakePresets.json
	$(IN_BACKEND) cmake --preset debug
	@touch $@

debug: bootstrap $(DEBUG_STAMP) ## Debug build (-O0 -g) of hub-server and hubctl in build/debug/bin, for gdb and VS Code
	$(IN_BACKEND) cmake --build --preset debug -j $(JOBS) --target hub-server hubctl

dev: bootstrap $(DEBUG_STAMP) ## Serve hub-server (debug build) on HOST:PORT against moto; rebuild + restart on save, readable logs
	@HOST=$(HOST) PORT=$(PORT) JOBS=$(JOBS) $(ROOT)/scripts/dev

dev-reset: ## Stop make dev's emulators: the next make dev starts from a freshly seeded table and user pool
	@if [[ -f $(ROOT)/.local/dev/dev.pid ]] && kill -0 "$$(cat $(ROOT)/.local/dev/dev.pid)" 2>/dev/null; then \
	   echo "dev-reset: make dev is running (pid $$(cat $(ROOT)/.local/dev/dev.pid)); stop it first" >&2; exit 1; fi
	@$(ROOT)/scripts/emulators down moto
	@echo "dev-reset: the local data is gone; the next make dev creates and seeds it afresh"

# CPU profile of hub-server under wrk load (perf, else callgrind) into build/profile/.
PROFILE_SECONDS ?= 20
profile: bootstrap ## CPU profile of hub-server under load (perf record + wrk, PROFILE_SECONDS=20) into build/profile/
	@PROFILE_SECONDS=$(PROFILE_SECONDS) JOBS=$(JOBS) $(ROOT)/scripts/profile

# What emulators-up starts; EMULATORS_UP_ARGS= starts moto alone.
EMULATORS_UP_ARGS ?= --dynamodb-local

emulators-up: bootstrap ## Start moto + DynamoDB Local on free ports; endpoints in .local/emulators.env
	@$(ROOT)/scripts/emulators up $(EMULATORS_UP_ARGS)

emulators-down: ## Stop the emulators emulators-up (or make dev) started
	@$(ROOT)/scripts/emulators down

emulators-status: ## Show which emulators run, and where
	@$(ROOT)/scripts/emulators status

bench: bootstrap ## Release build, every benchmark, one pass/miss table (build/bench/results.json), docs/performance.md
	@JOBS=$(JOBS) $(ROOT)/scripts/bench

soak: bootstrap ## Fixed-rate load on hub-server (SOAK_SECONDS=600, SOAK_RATE=200): zero errors, RSS growth <= 5 %
	@JOBS=$(JOBS) $(ROOT)/scripts/soak

# The API's description, generated from the route and model declarations (hubctl openapi); the
# functional tests fail while the committed file differs from what the code says.
# The same build writes what the CDK stack is built from (infra/generated/): the table's definition
# (hubctl table definition) and which function serves which route (hubctl routes).
# $(1): hubctl's arguments; $(2): the file written.
HUBCTL_WRITE = $(BUILD)/bin/hubctl $(1) >$(2).tmp || { rm -f $(2).tmp; exit 1; }; mv $(2).tmp $(2)

openapi: configure ## Write docs/openapi.json and infra/generated/{table-definition,routes}.json from the code; commit them
	$(IN_BACKEND) cmake --build --preset dev -j $(JOBS) --target hubctl
	$(call HUBCTL_WRITE,openapi,$(ROOT)/docs/openapi.json)
	@echo "openapi: docs/openapi.json written ($$(wc -c <$(ROOT)/docs/openapi.json) bytes)"
	@mkdir -p $(ROOT)/infra/generated
	$(call HUBCTL_WRITE,table definition,$(ROOT)/infra/generated/table-definition.json)
	$(call HUBCTL_WRITE,routes,$(ROOT)/infra/generated/routes.json)
	@echo "openapi: infra/generated/table-definition.json and routes.json written"

# The API reference page, from the description the code produces (tools/docs/openapi_markdown.py);
# the functional tests fail while the committed page differs from docs/openapi.json.
docs: openapi ## Regenerate docs/openapi.json, then docs/api-documentation.md from it; commit both
	python3 $(ROOT)/tools/docs/openapi_markdown.py

# --- Infrastructure (infra/: AWS CDK v2 in TypeScript; docs/deployment.md) ---------------------
INFRA := $(ROOT)/infra
INFRA_ENVS := dev staging prod
# The Lambda packages the stacks are synthesized from (make package); when they are not all there,
# infra-test synthesizes from stand-in zips instead (infra/scripts/standin-package.ts).
PACKAGE_DIR ?= $(BUILD)/package
PACKAGE_FILES := bootstrap-health.zip bootstrap-users.zip bootstrap-auth.zip layer-common.zip layer-docs-ui.zip
INFRA_NPM_STAMP := $(INFRA)/node_modules/.package-lock.sha256
CFN_LINT := $(VENV)/bin/cfn-lint

# npm ci only when package-lock.json changed since the last install.
infra-deps:
	@want="$$(sha256sum $(INFRA)/package-lock.json | cut -d' ' -f1)"; \
	 if [[ -f $(INFRA_NPM_STAMP) && "$$(cat $(INFRA_NPM_STAMP))" == "$$want" ]]; then \
	   echo "infra: node_modules up to date"; \
	 else \
	   echo "infra: npm ci"; \
	   (cd $(INFRA) && npm ci --no-audit --no-fund --loglevel=error); \
	   echo "$$want" >$(INFRA_NPM_STAMP); \
	 fi

infra-test: infra-deps ## CDK app: type check, jest tests, cdk synth of every environment (build/cdk.out-<env>), cfn-lint
	@[[ -x $(CFN_LINT) ]] || { echo "infra-test: $(CFN_LINT) missing; run scripts/bootstrap" >&2; exit 1; }
	cd $(INFRA) && npx tsc --noEmit
	cd $(INFRA) && npx jest --ci
	@pkg=$(PACKAGE_DIR); \
	 for f in $(PACKAGE_FILES); do [[ -f $$pkg/$$f ]] || { pkg=$(BUILD)/package-standin; break; }; done; \
	 if [[ $$pkg != $(PACKAGE_DIR) ]]; then \
	   echo "infra-test: $(PACKAGE_DIR) lacks the Lambda packages (make package); synthesizing from stand-ins"; \
	   (cd $(INFRA) && npx ts-node --transpile-only scripts/standin-package.ts $$pkg); \
	 fi; \
	 for env in $(INFRA_ENVS); do \
	   echo "== cdk synth $$env"; \
	   (cd $(INFRA) && npx cdk synth --quiet --no-version-reporting --context env=$$env --context packageDir=$$pkg \
	      --output $(BUILD)/cdk.out-$$env) || exit 1; \
	 done
	@# W3005: the CDK adds DependsOn on each function's role although its GetAtt already orders them.
	$(CFN_LINT) --ignore-checks W3005 -- $(foreach env,$(INFRA_ENVS),$(BUILD)/cdk.out-$(env)/InnovationHub-$(env).template.json)
	@echo "infra-test: all passed"

# LocalStack (docker-compose.yml) must be running: docker compose up -d localstack. Deploys the dev
# stack there with cdklocal (aws-cdk-local); needs `make package` first.
LOCALSTACK_URL ?= http://localhost:4566
localstack-deploy: infra-deps ## Deploy the dev stack to LocalStack (docker compose up -d first; needs make package)
	cd $(INFRA) && AWS_ENDPOINT_URL=$(LOCALSTACK_URL) AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test \
	  AWS_REGION=us-east-1 CDK_DEFAULT_ACCOUNT=000000000000 npx cdklocal bootstrap aws://000000000000/us-east-1 \
	  --context env=dev --context packageDir=$(PACKAGE_DIR)
	cd $(INFRA) && AWS_ENDPOINT_URL=$(LOCALSTACK_URL) AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test \
	  AWS_REGION=us-east-1 CDK_DEFAULT_ACCOUNT=000000000000 npx cdklocal deploy --require-approval never \
	  --context env=dev --context packageDir=$(PACKAGE_DIR)

fmt: ## clang-format -i over backend/{src,tests,bench,fuzz}
	@$(ROOT)/scripts/lint format --fix

# The same checks the pre-commit hooks run on staged files (.pre-commit-config.yaml), over every
# file; scripts/lint says what each looks at. All three run, so one report shows every finding.
lint: configure ## clang-format check, cppcheck and clang-tidy 16 (scripts/lint); non-zero exit on any finding
	@JOBS=$(JOBS) CLANG_TIDY=$(CLANG_TIDY) $(ROOT)/scripts/lint all

tidy: bootstrap ## Build with clang-tidy (16) on every project source (tidy preset, build/tidy)
	$(IN_BACKEND) cmake --preset tidy -DCLANG_TIDY_EXE=$(CLANG_TIDY)
	$(IN_BACKEND) cmake --build --preset tidy -j $(JOBS)

asan: bootstrap ## AddressSanitizer + UBSan build (build/asan-ubsan); unit + integration tests with the emulators; fails on any report
	$(IN_BACKEND) cmake --preset asan-ubsan
	$(IN_BACKEND) cmake --build --preset asan-ubsan -j $(JOBS)
	@$(WITH_EMULATORS) $(MAKE) _asan-unit

# Every report fails its test (abort_on_error, -fno-sanitize-recover=all); the grep also catches a
# report from a process a test started and did not check, so "zero reports" means zero.
ASAN_LOG := $(BUILD)/asan-ubsan/Testing/Temporary/LastTest.log
_asan-unit:
	@rc=0; \
	 ( $(IN_BACKEND) $(TEST_PATH) EMULATORS_REQUIRED=1 \
	   ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1 \
	   UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	   ctest --preset asan-ubsan -j $(JOBS) --no-tests=error --timeout 600 ) || rc=1; \
	 reports=$$(grep -cE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' $(ASAN_LOG) || true); \
	 echo "asan: $${reports:-0} sanitizer report(s) in $(ASAN_LOG)"; \
	 if [[ $${reports:-0} != 0 ]]; then rc=1; fi; \
	 exit $$rc

# libFuzzer (backend/fuzz, docs/quality.md): clang 16 with ASan + UBSan in build/fuzz; each harness
# fuzzes for FUZZ_SECONDS from its seeds, then one table and build/fuzz/results.json; non-zero exit
# on any crash, leak or sanitizer report (the input is kept in build/fuzz/artifacts/<harness>/).
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 20
fuzz: bootstrap ## Build and run every libFuzzer harness for FUZZ_SECONDS (60) s each; table + build/fuzz/results.json
	@$(ROOT)/scripts/fuzz --seconds $(FUZZ_SECONDS) --jobs $(JOBS)

fuzz-smoke: bootstrap ## The fuzz run CI does: every harness for FUZZ_SMOKE_SECONDS (20) s
	@$(ROOT)/scripts/fuzz --seconds $(FUZZ_SMOKE_SECONDS) --jobs $(JOBS)

# The coverage bar CI holds (line coverage of backend/src, percent); make coverage fails under it.
COVERAGE_MIN_LINES ?= 85
GCOVR := $(VENV)/bin/gcovr --root $(ROOT)/backend --filter $(ROOT)/backend/src/ --object-directory $(BUILD)/coverage \
  --exclude-throw-branches --exclude-unreachable-branches --gcov-ignore-parse-errors=negative_hits.warn_once_per_file

coverage: bootstrap ## gcov build, unit + integration + functional tests; gcovr line/branch summary of backend/src, fails under COVERAGE_MIN_LINES (85) %
	$(IN_BACKEND) cmake --preset coverage
	$(IN_BACKEND) cmake --build --preset coverage -j $(JOBS)
	find $(BUILD)/coverage -name '*.gcda' -delete
	@rc=0; \
	 $(WITH_EMULATORS) $(MAKE) _coverage-suites || rc=1; \
	 mkdir -p $(BUILD)/coverage/html; \
	 echo "coverage: report at build/coverage/html/index.html, summary in build/coverage/summary.json"; \
	 $(GCOVR) --html-details $(BUILD)/coverage/html/index.html --json-summary-pretty \
	   --json-summary $(BUILD)/coverage/summary.json --txt-summary --fail-under-line $(COVERAGE_MIN_LINES) \
	   $(BUILD)/coverage || rc=1; \
	 exit $$rc

_coverage-suites:
	@rc=0; \
	 ( $(IN_BACKEND) $(TEST_PATH) EMULATORS_REQUIRED=1 ctest --preset coverage -j $(JOBS) --no-tests=error --timeout 600 ) || rc=1; \
	 ( $(call FUNCTIONAL_TESTS,$(BUILD)/coverage/bin) ) || rc=1; \
	 exit $$rc

clean: ## Remove build/ and the compile_commands.json link (keeps .venv and .tools)
	rm -rf $(BUILD) $(ROOT)/compile_commands.json

distclean: clean ## clean, stop the emulators, and remove .venv, .tools and .local too
	-$(ROOT)/scripts/emulators down
	rm -rf $(VENV) $(ROOT)/.tools $(ROOT)/.local
