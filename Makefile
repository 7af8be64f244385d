# A thin wrapper over the CMake presets (CMakePresets.json).
#   make demo    install missing packages, build, run rawi on the sample
#   make check   build and run the whole test suite (dev, then ASan+UBSan)

JOBS ?= $(shell nproc 2>/dev/null || echo 2)
SAMPLE = docs/examples/sample-ar.txt

.PHONY: demo check deps test-deps release dev asan test test-asan bench install format clean

demo: deps release
	build/release/rawi extract $(SAMPLE)

check: test-deps test test-asan

deps:
	@sh tools/install-deps.sh

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

test: dev
	ctest --preset dev -j $(JOBS)

test-asan: asan
	ctest --preset asan -j $(JOBS)

bench: release
	tools/bench_tokenize.sh build/release/rawi

install: release
	cmake --install build/release

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf build
