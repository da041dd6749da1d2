# The two commands of the README: `make run` and `make test`.
.PHONY: deps build run test bench

deps:
	@bash scripts/install-deps

build: deps
	swift build --product proctor

run: build
	.build/debug/proctor run

test: deps
	swift test

bench: deps
	swift run -c release proctor-bench
