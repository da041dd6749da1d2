# The two commands of the README: `make run` and `make test`.
.PHONY: deps build run test bench

deps:
	@bash scripts/install-deps

build: deps
	swift build --product proctor

run: build
	.build/debug/proctor run

# Serial: the sandbox tests run CPU-bound programs against wall-time limits, and 2 cores shared by every
# test at once starve them into false timeouts.
test: deps
	swift test --no-parallel

bench: deps
	swift run -c release proctor-bench
