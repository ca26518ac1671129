# The two commands of the README: `make run` and `make test`. Both set everything up.
BUILD ?= build
BUILD_TYPE ?= Release
# WERROR=ON|OFF is remembered by the build directory; leave it unset to keep the last choice.
WERROR ?=
CMAKE_ARGS = -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(if $(WERROR),-DDEMARCHE_WERROR=$(WERROR))
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
SCENARIO ?= scenarios/winter-grid.yaml

.PHONY: all build bootstrap test test-clang test-sanitize test-tsan test-determinism fuzz run bench clean format

all: build

bootstrap:
	@scripts/bootstrap

build:
	@cmake -S . -B $(BUILD) $(CMAKE_ARGS) >/dev/null
	cmake --build $(BUILD) -j $(JOBS)

test: bootstrap build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# The whole suite built with clang-14 (Debug) in build-clang/: CI runs it after `make test`, so
# code that only GCC accepts (or that only clang warns about) does not land unseen.
test-clang: bootstrap
	@CC=clang-14 CXX=clang++-14 cmake -S . -B build-clang -DCMAKE_BUILD_TYPE=Debug \
	  $(if $(WERROR),-DDEMARCHE_WERROR=$(WERROR)) >/dev/null
	cmake --build build-clang -j $(JOBS)
	ctest --test-dir build-clang --output-on-failure -j $(JOBS)

# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer, built with clang-14 in
# build-sanitize/ (no benchmarks).
test-sanitize: bootstrap
	@CC=clang-14 CXX=clang++-14 cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DDEMARCHE_SANITIZE=ON -DDEMARCHE_BUILD_BENCH=OFF $(if $(WERROR),-DDEMARCHE_WERROR=$(WERROR)) >/dev/null
	cmake --build build-sanitize -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --test-dir build-sanitize --output-on-failure -j $(JOBS)

# The threaded tests under ThreadSanitizer, built with clang-14 in build-tsan/: the browser
# seats (civetweb's workers and the hub's view thread) alone, in the window under Xvfb and in
# `demarche serve` with Chromium, the live table's driver, and simulate's worker threads.
# civetweb and Mesa are not instrumented (system libraries; tests/sanitizers/tsan.supp).
TSAN_TESTS ?= SeatHub|SeatServer|BrowserSeats|LiveTable|Simulate\.|ui\.browser_seats|browser\.seats
test-tsan: bootstrap
	@CC=clang-14 CXX=clang++-14 cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DDEMARCHE_TSAN=ON -DDEMARCHE_BUILD_BENCH=OFF $(if $(WERROR),-DDEMARCHE_WERROR=$(WERROR)) >/dev/null
	cmake --build build-tsan -j $(JOBS) --target demarche demarche_png_check demarche_seats_tests \
	  demarche_agents_tests demarche_ui_tests
	TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1:suppressions=$(CURDIR)/tests/sanitizers/tsan.supp \
	  ctest --test-dir build-tsan --output-on-failure -j $(JOBS) -R '$(TSAN_TESTS)'

# The libFuzzer targets of fuzz/ (scenario loader, save reader, decisions reader, browser seats), built with
# clang-14, ASan and UBSan in build-fuzz/, each run for FUZZ_SECONDS; see docs/reliability.md.
FUZZ_SECONDS ?= 60
fuzz: bootstrap
	@CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDEMARCHE_FUZZ=ON \
	  -DDEMARCHE_BUILD_TESTS=OFF -DDEMARCHE_BUILD_BENCH=OFF $(if $(WERROR),-DDEMARCHE_WERROR=$(WERROR)) >/dev/null
	cmake --build build-fuzz -j $(JOBS) --target fuzz_scenario fuzz_save fuzz_decisions fuzz_seats
	scripts/run-fuzzers build-fuzz $(FUZZ_SECONDS)

# The same seeded games (AI and random) give byte-identical logs with GCC and Clang at -O0 and
# -O2 (builds in build-determinism/; LEGS="gcc-O2 clang-O2" for fewer).
LEGS ?= gcc-O0 gcc-O2 clang-O0 clang-O2
test-determinism: bootstrap
	JOBS=$(JOBS) scripts/test-determinism $(LEGS)

# The window on its start screen (with no display: one line saying so, then the headless demo
# with AI on every seat, which writes out/debrief.html).
run: bootstrap
	@cmake -S . -B $(BUILD) $(CMAKE_ARGS) >/dev/null
	cmake --build $(BUILD) -j $(JOBS) --target demarche
	$(BUILD)/demarche play

bench: bootstrap build
	scripts/run-benchmarks $(BUILD)

format:
	clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp')

clean:
	rm -rf $(BUILD)
