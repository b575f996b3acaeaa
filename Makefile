# Thin wrapper over the CMake presets (CMakePresets.json). The README's quick start is
# `make run` and `make test`; both install what is missing first.
PRESET ?= dev
JOBS ?= $(shell nproc)

.PHONY: all deps configure build run test test-asan package bench translations clean

all: build

deps:
	@scripts/install-deps

configure: deps
	cmake --preset $(PRESET)

build: configure
	cmake --build --preset $(PRESET) -j$(JOBS)

run: PRESET = dev
run: build
	@scripts/run-app build/dev/app/codex-multi-auth

# CI's build: -Werror, every ctest label (unit, ui, integration, e2e, keyring, bench smoke).
test: deps
	@scripts/install-codex
	cmake --preset ci
	cmake --build --preset ci -j$(JOBS)
	scripts/run-tests build/ci

test-asan: deps
	cmake --preset asan
	cmake --build --preset asan -j$(JOBS)
	scripts/run-tests build/asan

package: PRESET = dev
package: build
	cd build/dev && cpack

bench: PRESET = dev
bench: build
	bench/run.sh build/dev

# Refreshes translations/codex-multi-auth_de.ts from the sources (then translate what is new).
translations: deps
	scripts/check-translations --update

clean:
	rm -rf build
