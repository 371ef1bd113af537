# Two commands do everything on a fresh Debian machine (root, Python 3.11, no display):
#   make run   - set up, build the demo project if missing, open the app on it
#   make test  - set up, lint (ruff, import contracts, types), run the whole test suite
#   make test-fast - the inner loop: lint beside every test not marked slow (about 5 minutes on 2 cores)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO   := projects/demo.annot
APT_PACKAGES := fonts-wqy-microhei libgl1 libegl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3 \
	xvfb xauth libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0 \
	libxcb-xinerama0 libxcb-randr0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0

.PHONY: run test test-fast tests-not-slow bench bench-quick bench-peers setup system-deps lint demo dist clean i18n i18n-check

# With no display (a server, CI) the window is rendered offscreen to projects/demo.png instead.
run: setup demo
	@if [ -n "$$DISPLAY" ] || [ -n "$$WAYLAND_DISPLAY" ]; then \
		$(BIN)/annotator gui $(DEMO); \
	else \
		echo "no display: rendering the review window to projects/demo.png (run under a desktop or xvfb-run to use it)"; \
		QT_QPA_PLATFORM=offscreen $(BIN)/annotator gui $(DEMO) --doc 1 --screenshot projects/demo.png && \
		$(BIN)/annotator info $(DEMO); \
	fi

# The tests keep their bytecode (and pytest its rewritten test modules) in __pycache__ even where the shell
# says not to (PYTHONDONTWRITEBYTECODE): without it every run compiles src/ and tests/ again, ~4 s CPU a worker.
PYTEST := PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest
# The inner loop keeps its test files in memory where there is a /dev/shm: every commit of a test project
# syncs the disk (~8,000 in the fast suite, ~2 ms each here); `make test` keeps them on the disk.
SHM := $(shell [ -d /dev/shm ] && [ -w /dev/shm ] && echo /dev/shm)

test: lint
	$(PYTEST) -q

# The inner loop: lint and, beside it, everything but the tests marked slow (end-to-end, training, process
# pools), whose modules are not even imported (tests/conftest.py): ~80 s of CPU, under a minute on 2 cores
# (the whole suite: about 6 min). Either failing fails it.
test-fast: setup
	@$(MAKE) --no-print-directory -j2 lint tests-not-slow

tests-not-slow: setup
	$(if $(SHM),TMPDIR=$(SHM)) $(PYTEST) -q -m "not slow" -n auto

bench: setup
	$(BIN)/python -m benchmarks

bench-quick: setup
	$(BIN)/python -m benchmarks --quick

# Rows 11c/11d: the same import and export side by side with doccano 1.8.4 (installed into .peers/ on first use).
bench-peers: setup
	benchmarks/peers.sh $(BIN)/python

# ruff, the layers as import-linter contracts ([tool.importlinter] in pyproject.toml), then the types (mypy,
# [tool.mypy]: ~25 s from cold, under a second with its cache in .mypy_cache)
lint: setup
	$(BIN)/ruff check src tests benchmarks tools research
	$(BIN)/lint-imports
	$(BIN)/mypy

# The Chinese interface: collect the window's strings into resources/i18n/annotator_zh_CN.ts (pyside6-lupdate),
# compile the .qm (pyside6-lrelease), copy Qt's qtbase_zh_CN.qm; lists what is left to translate.
i18n: setup
	$(BIN)/python tools/i18n.py

# Fails while a string is untranslated or the .ts is out of date with the source.
i18n-check: setup
	$(BIN)/python tools/i18n.py --check

# The sdist and the wheel (resources and the demo inside) in dist/: `pip install dist/annotator-*.whl`.
dist: setup
	rm -rf dist build
	$(BIN)/python -m build --outdir dist .

setup: system-deps $(STAMP)

# Installs only what is missing; needs root (as on this kind of machine) when something is.
system-deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages: $$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,consumers,cluster]'
	touch $(STAMP)

demo: $(DEMO)

$(DEMO): setup
	$(BIN)/annotator demo $(DEMO)

clean:
	rm -rf $(VENV) $(DEMO) $(DEMO)-wal $(DEMO)-shm dist build
