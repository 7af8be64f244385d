# A thin wrapper over the CMake presets (CMakePresets.json).
#   make demo    install missing packages, build, run rawi on the sample
#   make check   lint and layout, then build and run the whole test suite (dev
#                with valgrind, then ASan+UBSan, then the threaded tests under
#                ThreadSanitizer)
#   make lint    cppcheck over the C sources (findings read and found wrong:
#                tools/cppcheck.supp)
#   make format-check  clang-format --dry-run over the C sources but those
#                listed in tools/format-pending.txt; make format lays out all
#   make accuracy ANERCORP=train.txt CONLL04=dev.json SEED_GOLD=seed.jsonl NEWS_DEV=news-dev.jsonl
#                print the accuracy tables of docs/accuracy.md
#   make fuzz    build the libFuzzer targets (clang; docs/errors.md)

JOBS ?= $(shell nproc 2>/dev/null || echo 2)
SAMPLE = docs/examples/sample-ar.txt

.PHONY: accuracy demo check deps test-deps release dev asan tsan fuzz test test-asan test-tsan bench bench-batch install format format-check lint clean

demo: deps release
	build/release/rawi extract $(SAMPLE)

check: test-deps lint format-check test test-asan test-tsan

deps:
	@sh tools/install-deps.sh

# corpus paths as make variables; a table without its path is skipped
accuracy: release
	sh tools/accuracy.sh build/release/rawi ANERCORP=$(ANERCORP) \
	  CONLL04=$(CONLL04) CONLL04_TRAIN=$(CONLL04_TRAIN) SEED_GOLD=$(SEED_GOLD) \
	  NEWS_DEV=$(NEWS_DEV)

test-deps:
	@sh tools/install-deps.sh --test

release: deps
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS)

dev:
	cmake --preset dev >/dev/null
	cmake --build --preset dev -j $(JOBS)

asan:
	cmake --preset asan >/dev/null
	cmake --build --preset asan -j $(JOBS)

tsan:
	cmake --preset tsan >/dev/null
	cmake --build --preset tsan -j $(JOBS)

fuzz:
	@sh tools/install-deps.sh --fuzz
	cmake --preset fuzz >/dev/null
	cmake --build --preset fuzz -j $(JOBS)

test: dev
	ctest --preset dev -j $(JOBS)

test-asan: asan
	ctest --preset asan -j $(JOBS)

# threads: one model shared by eight sessions (api), batch workers (batch),
# the HTTP service's pool (serve)
test-tsan: tsan
	ctest --preset tsan -j $(JOBS) -L 'api|batch|serve'

bench: release
	tools/bench_tokenize.sh build/release/rawi

bench-batch: release
	tools/bench_batch.sh build/release/rawi

install: release
	cmake --install build/release

# warning and portability checks; an unread finding fails
lint:
	cppcheck -q -j $(JOBS) --enable=warning,portability --std=c11 \
	  --error-exitcode=1 --inline-suppr -I include -I src \
	  --suppressions-list=tools/cppcheck.supp \
	  --template='{file}:{line}: {severity} {id}: {message}' \
	  src tests/unit tests/fuzz tests/install tools/*.c

format-check:
	sh tools/format.sh check

format:
	sh tools/format.sh fix

clean:
	rm -rf build
